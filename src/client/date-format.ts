import type { Locale } from './i18n'

/**
 * Dates as a resident reads them ("8 december 2026", "8 december 2026 om 09:05"), written out by
 * hand: a page's first `Intl.DateTimeFormat` with a month name loads ICU's pattern data, which
 * held the main thread 50-80 ms on a slow phone (4x CPU throttling) before a poll could paint its
 * "je hoort uiterlijk ..." line. The output is exactly what Intl gives for nl-NL and en-GB, in
 * the phone's own time zone (tests/unit/client/date-format.test.ts compares the two).
 */
const MONTHS: Record<Locale, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}
const AT: Record<Locale, string> = { nl: 'om', en: 'at' }

const twoDigits = (n: number): string => String(n).padStart(2, '0')

export function formatDateIn(locale: Locale, date: Date, withTime = false): string {
  // As Intl does: an invalid date is a programming error, not a text to show.
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value')
  const day = `${date.getDate()} ${MONTHS[locale][date.getMonth()]} ${date.getFullYear()}`
  return withTime ? `${day} ${AT[locale]} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}` : day
}
