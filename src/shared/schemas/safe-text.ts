import { z } from 'zod'

/**
 * The one rule for text and times that come in from outside. JSON can carry things PostgreSQL
 * cannot store: U+0000 (refused by `text` and `jsonb`), unpaired UTF-16 surrogates (refused by
 * `jsonb`, mangled by `text`) and dates such as year 0000 or year 20000 (refused by `timestamptz`
 * in the form JavaScript writes them). Left to the database, such a value fails the whole
 * transaction with a 500, and with group commit the requests that shared it. The contract refuses
 * them as invalid input instead, and every schema in `src/shared/schemas` that takes a string or
 * a date from a request uses the builders below, so the refusal is a 400 like any other.
 */

/**
 * Matches text without U+0000 and without unpaired surrogates: every character is an ordinary
 * one or a complete surrogate pair. Written without the `u` flag and without look-behind, so it
 * works in every browser the app supports and means the same in JSON Schema (OpenAPI) patterns.
 */
export const SAFE_TEXT_PATTERN = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/

export const SAFE_TEXT_MESSAGE = 'must not contain U+0000 or unpaired surrogates'

/** Whether `value` can be stored as text: no U+0000, no unpaired surrogate. */
export function isSafeText(value: string): boolean {
  return SAFE_TEXT_PATTERN.test(value)
}

/**
 * A string schema that refuses U+0000 and unpaired surrogates. Use it instead of `z.string()` for
 * anything a request carries; chain `.trim()`, `.min()`, `.max()` as usual.
 *
 * @example safeString().trim().min(3).max(140)
 */
export function safeString(): z.ZodString {
  return z.string().regex(SAFE_TEXT_PATTERN, SAFE_TEXT_MESSAGE)
}

/** `z.url()` with the same refusal: a URL parser accepts U+0000 and lone surrogates in a path. */
export function safeUrl(params?: Parameters<typeof z.url>[0]): z.ZodURL {
  return z.url(params).regex(SAFE_TEXT_PATTERN, SAFE_TEXT_MESSAGE)
}

/** The earliest instant the API takes or gives: 2000-01-01T00:00:00Z. */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1)
/** The first instant after the last one the API takes or gives: 2101-01-01T00:00:00Z. */
export const END_OF_TIME_MS = Date.UTC(2101, 0, 1)

/**
 * Whether a time (ms since 1970, UTC) lies in the years 2000-2100. Anything a resident or an
 * official can mean lies there; outside it are broken clocks and probes.
 */
export function isInTimeRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_TIME_MS && ms < END_OF_TIME_MS
}

/**
 * The one date-time rule: ISO-8601 with `Z` or an offset, in the years 2000-2100 (UTC).
 *
 * @example SafeDateTime.parse('2026-06-01T10:00:00+02:00')
 */
export const SafeDateTime = z.iso
  .datetime({ offset: true })
  .refine((value) => isInTimeRange(Date.parse(value)), { message: 'must lie in the years 2000-2100' })
  .meta({ description: 'ISO-8601 date-time with offset, in the years 2000-2100' })
