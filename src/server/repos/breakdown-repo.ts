import { sql } from 'drizzle-orm'
import { MIN_CELL_SIZE, type BreakdownGroup } from '../../shared/schemas/input'
import { breakdownKeysOf, tallyKeysOf } from '../../shared/question-types/registry'
import type { Answers, Question } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { profileOfColumns, readBreakdownCounts, type BreakdownDimension, type BreakdownProfile, type ProfileColumns } from './breakdown-counts'

/** One row of the grouped scan: a profile combination, and for one question (or none) a value. */
interface GroupedRow extends ProfileColumns {
  /** `grouping()` of the value columns: all bits set for the respondents row, else one bit clear. */
  g: number
  n: number
  [value: `v${number}`]: unknown
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
    for (const key of tallyKeysOf(question, value)) this.addTally(group, questionId, key, n)
  }

  /** A count of one tally key (as `tallyKeysOf` gives them) in a group, already summed elsewhere. */
  addTally(group: string | null, questionId: string, key: string, n: number): void {
    if (!this.questionById.has(questionId)) return
    const g = group ?? 'unknown'
    let tally = this.tallies.get(g)
    if (!tally) this.tallies.set(g, (tally = new Map()))
    const cell = `${questionId}\u0000${key}`
    tally.set(cell, (tally.get(cell) ?? 0) + n)
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

/** `grouping()` takes at most 31 arguments; more questions than that are scanned in turns. */
const QUESTIONS_PER_SCAN = 30

/** A question id as an SQL literal: ids are short words, quoted anyway. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`

/**
 * The breakdowns of an item's visible input by each dimension, from the breakdown tallies that
 * ingest, moderation and erasure keep in step with the answers (`breakdown-counts.ts`): a read
 * of a few hundred summed rows, however many answers the item has. Each cell then goes through
 * the same accumulator as a recount, so both suppress small groups alike.
 */
export async function answerBreakdowns(
  db: Db,
  itemId: string,
  questions: readonly Question[],
  dimensions: readonly BreakdownDimension[],
): Promise<Record<BreakdownDimension, BreakdownGroup[]>> {
  const sums = Object.fromEntries(dimensions.map((d) => [d, new BreakdownAccumulator(questions)])) as Record<BreakdownDimension, BreakdownAccumulator>
  for (const row of await readBreakdownCounts(db, itemId, dimensions)) {
    const group = row.groupKey === '' ? null : row.groupKey
    if (row.questionId === '') sums[row.dimension].addRespondents(group, row.count)
    else sums[row.dimension].addTally(group, row.questionId, row.valueKey, row.count)
  }
  return Object.fromEntries(dimensions.map((d) => [d, sums[d].groups()])) as Record<BreakdownDimension, BreakdownGroup[]>
}

/** What a scan of grouped answers hands over: respondents per profile, and per profile and a question's value. */
export interface AnswerGroupVisitor {
  respondents(profile: BreakdownProfile, n: number): void
  value(profile: BreakdownProfile, questionId: string, value: unknown, n: number): void
}

/**
 * The visible answers of an item summed in the database in one scan per 30 questions: grouping
 * sets count the answers per profile combination, and per profile combination and value of each
 * broken-down question, without multiplying rows. Only those sums (a few thousand at most) reach
 * the server. Work here grows with the number of distinct values, not of answers. Opens its own
 * transaction (a savepoint inside the caller's).
 */
export async function scanAnswerGroups(db: Db, itemId: string, questions: readonly Question[], visit: AnswerGroupVisitor): Promise<void> {
  const brokenDown = questions.filter((q) => breakdownKeysOf(q) !== null).map((q) => q.id)
  const turns = brokenDown.length === 0 ? [[]] : Array.from({ length: Math.ceil(brokenDown.length / QUESTIONS_PER_SCAN) }, (_, i) => brokenDown.slice(i * QUESTIONS_PER_SCAN, (i + 1) * QUESTIONS_PER_SCAN))
  // Enough memory to count in one hash table: with the default 4 MB the planner expects too many
  // groups (it cannot know how few values there are) and sorts every row on disk instead, about
  // twice as slow. The real table is a few MB at most; `set local` ends with the transaction.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`)
    for (const [turn, ids] of turns.entries()) {
      const values = ids.map((id) => `ca.answers -> ${literal(id)}`)
      const profile = 'ca.age_band, ca.area, ca.municipality, ca.channel, ca.partner_id'
      const sets = [`(${profile})`, ...values.map((v) => `(${profile}, ${v})`)]
      const rows = await queryRows<GroupedRow>(
        tx,
        sql`select ca.age_band, ca.area, ca.municipality, ca.channel, ca.partner_id::text as partner_id, ${sql.raw(values.length > 0 ? `grouping(${values.join(', ')})::int` : '0')} as g,
            ${sql.raw(values.map((v, i) => `${v} as v${i}, `).join(''))}count(*)::int as n
          from current_answers ca where ca.item_id = ${itemId} and not ca.hidden
          group by grouping sets (${sql.raw(sets.join(', '))})`,
      )
      const all = (1 << values.length) - 1
      for (const row of rows) {
        const n = Number(row.n)
        if (row.g === all) {
          // Respondents are counted once, in the first turn.
          if (turn === 0) visit.respondents(profileOfColumns(row), n)
          continue
        }
        const i = values.length - 1 - Math.log2(all ^ row.g)
        const value = row[`v${i}`]
        if (value === null || value === undefined) continue
        visit.value(profileOfColumns(row), ids[i]!, value, n)
      }
    }
  })
}

/**
 * The same breakdowns recounted from `current_answers` (`scanAnswerGroups`): what officials
 * read before the tallies, kept to check the tallies against. Each value's tally keys come from
 * its type module, weighted by its count.
 */
export async function answerBreakdownsFromAnswers(
  db: Db,
  itemId: string,
  questions: readonly Question[],
  dimensions: readonly BreakdownDimension[],
): Promise<Record<BreakdownDimension, BreakdownGroup[]>> {
  const sums = Object.fromEntries(dimensions.map((d) => [d, new BreakdownAccumulator(questions)])) as Record<BreakdownDimension, BreakdownAccumulator>
  await scanAnswerGroups(db, itemId, questions, {
    respondents: (profile, n) => {
      for (const d of dimensions) sums[d].addRespondents(profile[d], n)
    },
    value: (profile, questionId, value, n) => {
      for (const d of dimensions) sums[d].addValue(profile[d], questionId, value, n)
    },
  })
  return Object.fromEntries(dimensions.map((d) => [d, sums[d].groups()])) as Record<BreakdownDimension, BreakdownGroup[]>
}
