import { describe, expect, it } from 'vitest'
import beheerEn from '../../../src/client/locales/beheer-en.json'
import beheerNl from '../../../src/client/locales/beheer-nl.json'
import en from '../../../src/client/locales/en.json'
import nl from '../../../src/client/locales/nl.json'
import { ERROR_CATALOGUE, ERROR_CODES, isErrorCode, statusOfCode } from '../../../src/shared/error-codes'
import { ErrorBodySchema } from '../../../src/shared/schemas/error'

const locales: [string, Record<string, string>, string][] = [
  ['nl', nl, 'errorCodes.'],
  ['en', en, 'errorCodes.'],
  ['beheer-nl', beheerNl, 'beheer.errorCodes.'],
  ['beheer-en', beheerEn, 'beheer.errorCodes.'],
]

describe('the error code catalogue', () => {
  it.each(locales)('has a text for every code in %s', (_name, messages, prefix) => {
    const missing = ERROR_CODES.filter((code) => !messages[`${prefix}${code}`]?.trim())
    expect(missing).toEqual([])
  })

  it.each(locales)('has no text in %s for a code that no longer exists', (_name, messages, prefix) => {
    const stale = Object.keys(messages)
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .filter((code) => !isErrorCode(code))
    expect(stale).toEqual([])
  })

  it('gives every code an HTTP error status', () => {
    for (const code of ERROR_CODES) expect(statusOfCode(code), code).toBeGreaterThanOrEqual(400)
  })

  it('gives each situation of a 409 its own code: only the generic fallback is called conflict', () => {
    const conflicts = ERROR_CODES.filter((code) => ERROR_CATALOGUE[code].status === 409)
    expect(conflicts.length).toBeGreaterThan(15)
    expect(conflicts.filter((code) => code === 'conflict')).toEqual(['conflict'])
  })

  it('is what the error body schema accepts', () => {
    expect(ErrorBodySchema.safeParse({ error: { code: 'item_not_table', message: 'This item is not a table' } }).success).toBe(true)
    expect(ErrorBodySchema.safeParse({ error: { code: 'no_such_code', message: '?' } }).success).toBe(false)
  })
})
