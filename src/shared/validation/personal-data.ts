/**
 * Finds personal data that residents sometimes type into free text even when asked not to: phone
 * numbers, e-mail addresses, a postcode with house number, an IBAN and a BSN. The app warns with it
 * before sending (never blocking) and the server flags the same answers for officials, so both
 * sides use this one pure module.
 *
 * Numbers are checked, not only shaped: an IBAN counts only when its mod-97 check holds and a BSN
 * only when it passes the elfproef, so order numbers and amounts are not flagged. Spans are UTF-16
 * offsets into the text (as `String.prototype.slice` uses), sorted and never overlapping.
 */

export const PERSONAL_DATA_KINDS = ['phone', 'email', 'postcode', 'iban', 'bsn'] as const
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number]

export interface PersonalDataMatch {
  kind: PersonalDataKind
  start: number
  end: number
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g
/** Dutch postcode (no leading zero; SA, SD and SS are never issued) followed by a house number. */
const POSTCODE_HOUSE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!(?:SA|SD|SS)(?![\p{L}]))[A-Za-z]{2}[ ,]{0,2}\d{1,5}(?:[ -]?[A-Za-z](?![\p{L}]))?(?![\p{N}])/gu
/** The house number written before the postcode, as in "Dorpsstraat 12, 1234 AB". */
const HOUSE_POSTCODE = /(?<![\p{L}\p{N}])\d{1,5}(?:[ -]?[A-Za-z])?,? {1,2}[1-9]\d{3} ?(?!(?:SA|SD|SS)(?![\p{L}]))[A-Za-z]{2}(?![\p{L}\p{N}])/gu
/** Two letters, two check digits, then letters and digits: written together or in groups of four. */
const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{1,4}){3,8})(?![\p{L}\p{N}])/gu
/** A run of digit groups with single separators, optionally starting with + or (. */
const NUMBER_RUN = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\d]|[ .\-/()](?=[\d(]))*(?![\p{L}\p{N}])/gu

/** ISO 13616: move the first four characters to the end, letters to 10..35, remainder mod 97 must be 1. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  if (iban.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder === 1
}

/** The elfproef of a BSN: 9a + 8b + ... + 2h - 1i is a multiple of 11 (and not all zeros). */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i)
  sum -= Number(digits[8])
  return sum % 11 === 0
}

/**
 * A Dutch phone number: ten digits starting with 0 and not 00 (06 mobile, 0xx landline, 0800/090x),
 * or the same after +31 / 0031, where an optional "(0)" after the country code is dropped.
 */
export function isDutchPhoneNumber(written: string): boolean {
  const digits = written.replace(/\(0\)/g, '').replace(/[^\d+]/g, '')
  let national: string
  if (digits.startsWith('+31')) national = `0${digits.slice(3)}`
  else if (digits.startsWith('0031')) national = `0${digits.slice(4)}`
  else if (digits.startsWith('+')) return false
  else national = digits
  return /^0[1-9]\d{8}$/.test(national)
}

interface Span {
  start: number
  end: number
}

const overlaps = (a: Span, taken: readonly Span[]): boolean => taken.some((b) => a.start < b.end && b.start < a.end)

/**
 * The digit groups of a run (split at separators, with their offsets), so "bel 0612345678 of
 * 0301234567" or "BSN 111222333 tel 06 12345678" still yields each number on its own.
 */
function groupsOf(run: string, offset: number): Span[] {
  const groups: Span[] = []
  const re = /\+?\(?\d[\d()]*/g
  for (let m = re.exec(run); m; m = re.exec(run)) groups.push({ start: offset + m.index, end: offset + m.index + m[0].length })
  return groups
}

function numberMatches(text: string, taken: Span[]): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  for (let m = NUMBER_RUN.exec(text); m; m = NUMBER_RUN.exec(text)) {
    const groups = groupsOf(m[0], m.index)
    let i = 0
    while (i < groups.length) {
      let matched: PersonalDataMatch | null = null
      // Longest first: "06 12 34 56 78" is one phone number, not a BSN-shaped part of it.
      for (let j = groups.length - 1; j >= i && !matched; j--) {
        const span = { start: (groups[i] as Span).start, end: (groups[j] as Span).end }
        if (overlaps(span, taken)) continue
        const written = text.slice(span.start, span.end)
        const digits = written.replace(/\D/g, '')
        if (isDutchPhoneNumber(written)) matched = { kind: 'phone', ...span }
        else if (!written.includes('+') && isValidBsn(digits)) matched = { kind: 'bsn', ...span }
        if (matched) i = j + 1
      }
      if (!matched) i++
      else {
        found.push(matched)
        taken.push(matched)
      }
    }
  }
  return found
}

/**
 * The length of the valid IBAN at the start of a match, or 0: a grouped IBAN may have picked up
 * the next short word ("NL91 ABNA 0417 1643 00 voor"), so shorter groupings are tried too.
 */
function validIbanLength(found: string): number {
  if (!found.includes(' ')) return isValidIban(found) ? found.length : 0
  const parts = found.split(' ')
  for (let n = parts.length; n >= 4; n--) {
    const candidate = parts.slice(0, n).join(' ')
    if (isValidIban(candidate)) return candidate.length
  }
  return 0
}

const wholeMatch = (found: string): number => found.trimEnd().length

function patternMatches(text: string, pattern: RegExp, kind: PersonalDataKind, taken: Span[], lengthOf: (found: string) => number = wholeMatch): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const span = { start: m.index, end: m.index + lengthOf(m[0]) }
    if (span.end === span.start || overlaps(span, taken)) continue
    found.push({ kind, ...span })
    taken.push(span)
  }
  return found
}

/** Every piece of personal data in the text, in text order. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const taken: Span[] = []
  // E-mail first (it may hold digits), then IBAN (it holds a long number), then postcode + number.
  NUMBER_RUN.lastIndex = 0
  const matches = [
    ...patternMatches(text, EMAIL, 'email', taken),
    ...patternMatches(text, IBAN, 'iban', taken, validIbanLength),
    ...patternMatches(text, POSTCODE_HOUSE, 'postcode', taken),
    ...patternMatches(text, HOUSE_POSTCODE, 'postcode', taken),
    ...numberMatches(text, taken),
  ]
  return matches.sort((a, b) => a.start - b.start)
}

/** The kinds found, each once, in the order of {@link PERSONAL_DATA_KINDS}. */
export function personalDataKinds(text: string): PersonalDataKind[] {
  const found = new Set(findPersonalData(text).map((m) => m.kind))
  return PERSONAL_DATA_KINDS.filter((k) => found.has(k))
}

/** What an official's redaction leaves in place of the removed part. */
export const REDACTED = '[verwijderd]'

/**
 * The text with `start..end` replaced by {@link REDACTED}; the whole text when no part is given.
 * Throws a RangeError for a part outside the text, so a caller never redacts something else.
 */
export function redactPart(text: string, part?: { start: number; end: number }): string {
  if (!part) return REDACTED
  if (!Number.isInteger(part.start) || !Number.isInteger(part.end) || part.start < 0 || part.end > text.length || part.start >= part.end) throw new RangeError('redactPart: the part is not inside the text')
  return `${text.slice(0, part.start)}${REDACTED}${text.slice(part.end)}`
}
