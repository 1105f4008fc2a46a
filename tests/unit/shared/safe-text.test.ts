import { describe, expect, it } from 'vitest'
import { isSafeText, SafeDateTime, safeString, safeUrl } from '../../../src/shared/schemas/safe-text'
import { findAnswerIssues } from '../../../src/shared/validation/answers'
import type { Question } from '../../../src/shared/schemas/question'

describe('the safe string rule', () => {
  it('accepts ordinary text, accents, emoji (surrogate pairs) and the empty string', () => {
    for (const ok of ['', 'Hallo', 'één café', 'ik 😀 jij', '\uD83D\uDE00', 'tab\tand\nnewline']) expect(isSafeText(ok), JSON.stringify(ok)).toBe(true)
  })

  it('refuses U+0000 and unpaired surrogates, at the start, in the middle and at the end', () => {
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'a\ud800b', 'a\udc00', '\udc00\ud800', '😀\ud83d']) expect(isSafeText(bad), JSON.stringify(bad)).toBe(false)
  })

  it('keeps chaining: trim, min and max still apply', () => {
    const schema = safeString().trim().min(3).max(5)
    expect(schema.parse('  abc  ')).toBe('abc')
    expect(schema.safeParse('ab').success).toBe(false)
    expect(schema.safeParse('ab\u0000c').success).toBe(false)
  })

  it('refuses them in URLs too, which the URL parser would accept', () => {
    expect(safeUrl().safeParse('https://example.nl/a').success).toBe(true)
    expect(safeUrl().safeParse('https://example.nl/a\u0000b').success).toBe(false)
    expect(safeUrl().safeParse('https://example.nl/\ud800').success).toBe(false)
  })

  it('checks a long text quickly enough for a 256 KiB request (no catastrophic backtracking)', () => {
    expect(isSafeText('a😀'.repeat(200_000))).toBe(true)
    expect(isSafeText(`${'a😀'.repeat(200_000)}\u0000`)).toBe(false)
  })
})

describe('the date-time rule', () => {
  it('accepts times with Z or an offset in the years 2000-2100', () => {
    for (const ok of ['2000-01-01T00:00:00Z', '2026-06-01T10:00:00+02:00', '2100-12-31T23:59:59.999Z']) expect(SafeDateTime.safeParse(ok).success, ok).toBe(true)
  })

  it('refuses year 0000, times before 2000 or after 2100 (in UTC), extended years and times without offset', () => {
    for (const bad of ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2101-01-01T00:00:00Z', '2100-12-31T23:00:00-05:00', '+020000-01-01T00:00:00Z', '2026-06-01T10:00:00']) {
      expect(SafeDateTime.safeParse(bad).success, bad).toBe(false)
    }
  })
})

describe('text answers', () => {
  const questions: Question[] = [{ id: 'q', type: 'text', label: 'Nog iets?', required: false }]

  it('are an answer problem, not a malformed request, when they hold U+0000 or a lone surrogate', () => {
    expect(findAnswerIssues(questions, { q: 'goed\u0000' })).toEqual([{ questionId: 'q', problem: 'unsafe_text' }])
    expect(findAnswerIssues(questions, { q: 'goed\udfff' })).toEqual([{ questionId: 'q', problem: 'unsafe_text' }])
    expect(findAnswerIssues(questions, { q: 'goed 😀' })).toEqual([])
  })
})
