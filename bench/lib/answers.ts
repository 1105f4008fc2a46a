import { sql, type SQL } from 'drizzle-orm'
import type { Answers } from '../../src/shared/schemas/question'

/**
 * Deterministic answers to the factory poll (tests/support/factories.ts `pollQuestions`: q1
 * single ja/nee, q2 multiple a/b/c, q3 scale 1-5, q4 text), varied by a running number `n`.
 * `answersSql` is the same function in SQL, for bulk loads; the results benchmark checks the
 * two agree.
 */
export function answersFor(n: number): Answers {
  const answers: Answers = { q1: n % 3 === 0 ? 'nee' : 'ja' }
  if (n % 4 !== 0) answers.q2 = n % 4 === 1 ? ['a'] : n % 4 === 2 ? ['a', 'b'] : ['c']
  if (n % 7 !== 0) answers.q3 = (n % 5) + 1
  if (n % 10 === 0) answers.q4 = TEXT_ANSWER
  return answers
}

const TEXT_ANSWER = 'Meer bankjes in het park'

/** `answersFor(g)` as a jsonb expression over an integer column `g`. */
export const answersSql: SQL = sql.raw(`jsonb_strip_nulls(jsonb_build_object(
  'q1', case when g % 3 = 0 then 'nee' else 'ja' end,
  'q2', case g % 4 when 1 then '["a"]'::jsonb when 2 then '["a","b"]'::jsonb when 3 then '["c"]'::jsonb end,
  'q3', case when g % 7 <> 0 then (g % 5) + 1 end,
  'q4', case when g % 10 = 0 then '${TEXT_ANSWER}' end))`)
