import { sql } from 'drizzle-orm'
import { MIN_CELL_SIZE, type BreakdownGroup } from '../../shared/schemas/input'
import { breakdownKeysOf, tallyKeysOf } from '../../shared/question-types/registry'
import type { Answers, Question } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'

/** The profile fields an item's input is broken down by. */
export type BreakdownDimension = 'ageBand' | 'area' | 'municipality'

/** One combination of profile fields, with how many visible answers have it. */
interface ProfileCount {
  age_band: string | null
  area: string | null
  municipality: string | null
  n: number
}

/** How many visible answers with these profile fields gave this value to this question. */
interface ValueCount extends ProfileCount {
  question_id: string
  value: unknown
}

/**
 * Adds up respondents and tally keys per group, weighted: the same code serves answers read one
 * by one (weight 1) and the counts the database summed per distinct value (weight n), so the
 * two can never disagree on what a cell counts.
 */
export class BreakdownAccumulator {
  private readonly respondents = new Map<string, number>()
  private readonly tallies = new Map<string, Map<string, number>>()
  private readonly questionById: Map<string, Question>

  constructor(private readonly questions: readonly Question[]) {
    this.questionById = new Map(questions.map((q) => [q.id, q]))
  }

  addRespondents(group: string | null, n: number): void {
    const g = group ?? 'unknown'
    this.respondents.set(g, (this.respondents.get(g) ?? 0) + n)
  }

  addValue(group: string | null, questionId: string, value: unknown, n: number): void {
    const question = this.questionById.get(questionId)
    if (!question || value === undefined) return
    const g = group ?? 'unknown'
    let tally = this.tallies.get(g)
    if (!tally) this.tallies.set(g, (tally = new Map()))
    for (const key of tallyKeysOf(question, value)) {
      const cell = `${questionId}\u0000${key}`
      tally.set(cell, (tally.get(cell) ?? 0) + n)
    }
  }

  addAnswers(group: string | null, answers: Answers): void {
    this.addRespondents(group, 1)
    for (const [questionId, value] of Object.entries(answers)) this.addValue(group, questionId, value, 1)
  }

  /**
   * Results per group, sorted by name. Groups and cells with fewer than MIN_CELL_SIZE
   * respondents are null, so a small group cannot be traced to a person. Free text is never
   * broken down; the cells of a question are its type module's breakdown keys.
   */
  groups(): BreakdownGroup[] {
    const suppress = (n: number): number | null => (n < MIN_CELL_SIZE ? null : n)
    return [...this.respondents.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, members]) => {
        const tally = this.tallies.get(group)
        const small = members < MIN_CELL_SIZE
        return {
          group,
          respondents: suppress(members),
          questions: this.questions.flatMap((q) => {
            const keys = breakdownKeysOf(q)
            if (!keys) return []
            return [{ questionId: q.id, counts: keys.map((key) => ({ key, count: small ? null : suppress(tally?.get(`${q.id}\u0000${key}`) ?? 0) })) }]
          }),
        }
      })
  }
}

const COLUMN: Record<BreakdownDimension, keyof ProfileCount> = { ageBand: 'age_band', area: 'area', municipality: 'municipality' }

/**
 * The breakdowns of an item's visible input by each dimension, summed in the database: one
 * scan counts answers per profile combination, one counts values per profile combination and
 * question (`jsonb_each`), and only those few thousand sums come to the server. Work here no
 * longer grows with the number of answers, only with the number of distinct values.
 */
export async function answerBreakdowns(
  db: Db,
  itemId: string,
  questions: readonly Question[],
  dimensions: readonly BreakdownDimension[],
): Promise<Record<BreakdownDimension, BreakdownGroup[]>> {
  const brokenDown = questions.filter((q) => breakdownKeysOf(q) !== null).map((q) => q.id)
  const visible = sql`from current_answers ca where ca.item_id = ${itemId} and not ca.hidden`
  // Two independent reads: on a PostgreSQL pool they run side by side.
  const [profiles, values] = await Promise.all([
    queryRows<ProfileCount>(db, sql`select ca.age_band, ca.area, ca.municipality, count(*)::int as n ${visible} group by 1, 2, 3`),
    brokenDown.length === 0
      ? Promise.resolve([] as ValueCount[])
      : queryRows<ValueCount>(
          db,
          sql`select ca.age_band, ca.area, ca.municipality, e.key as question_id, e.value, count(*)::int as n
            from current_answers ca cross join lateral jsonb_each(ca.answers) as e(key, value)
            where ca.item_id = ${itemId} and not ca.hidden and e.key in ${brokenDown}
            group by 1, 2, 3, 4, 5`,
        ),
  ])
  const result = {} as Record<BreakdownDimension, BreakdownGroup[]>
  for (const dimension of dimensions) {
    const column = COLUMN[dimension]
    const sums = new BreakdownAccumulator(questions)
    for (const p of profiles) sums.addRespondents(p[column] as string | null, Number(p.n))
    for (const v of values) sums.addValue(v[column] as string | null, v.question_id, v.value, Number(v.n))
    result[dimension] = sums.groups()
  }
  return result
}
