import { describe, expect, it } from 'vitest'
import { formatDateIn } from '../../../src/client/date-format'

const INTL_LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const

function intl(locale: keyof typeof INTL_LOCALES, date: Date, withTime: boolean): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { day: 'numeric', month: 'long', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}) }).format(date)
}

describe('formatDateIn (dates without Intl on the first screen)', () => {
  it('writes every month, day and time exactly as Intl does for nl-NL and en-GB', () => {
    const moments = [
      ...Array.from({ length: 12 }, (_, month) => new Date(2026, month, month * 2 + 1, month * 2, month * 5)),
      new Date(2026, 11, 31, 23, 59),
      new Date(2027, 0, 1, 0, 0),
      new Date(2026, 2, 29, 2, 30), // the night the clocks go forward
    ]
    for (const locale of ['nl', 'en'] as const) {
      for (const date of moments) {
        for (const withTime of [false, true]) expect(formatDateIn(locale, date, withTime), `${locale} ${date.toISOString()} ${withTime}`).toBe(intl(locale, date, withTime))
      }
    }
  })

  it('reads as a resident expects', () => {
    expect(formatDateIn('nl', new Date(2026, 11, 8, 9, 5), true)).toBe('8 december 2026 om 09:05')
    expect(formatDateIn('en', new Date(2026, 11, 8))).toBe('8 December 2026')
  })

  it('refuses an invalid date, as Intl does', () => {
    expect(() => formatDateIn('nl', new Date('not a date'))).toThrow(RangeError)
  })
})
