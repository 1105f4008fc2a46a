import { sql } from 'drizzle-orm'
import { breakdownKeysOf, tallyKeysOf } from '../../shared/question-types/registry'
import type { Answers, Question } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { pgTextArray } from '../db/raw-sql'
import { summedPerRow } from './result-counts'

/** What input is broken down by: the resident's profile, and how the answer reached us (channel, partner). */
export const BREAKDOWN_DIMENSIONS = ['ageBand', 'area', 'municipality', 'channel', 'partnerId'] as const
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number]

/** An answer's place in each dimension (null: unknown), as `current_answers` stores it. */
export type BreakdownProfile = Record<BreakdownDimension, string | null>

/** The profile's columns of `current_answers` as a raw query returns them. */
export interface ProfileColumns {
  age_band: string | null
  area: string | null
  municipality: string | null
  channel: string | null
  partner_id: string | null
}

export function profileOfColumns(row: ProfileColumns): BreakdownProfile {
  return { ageBand: row.age_band, area: row.area, municipality: row.municipality, channel: row.channel, partnerId: row.partner_id }
}

export interface BreakdownKey {
  dimension: BreakdownDimension
  /** The group's name, '' for unknown (no stored value is empty: the profile's texts have min 1). */
  groupKey: string
  /** '' with valueKey '' counts the group's respondents. */
  questionId: string
  valueKey: string
}

export interface BreakdownDelta extends BreakdownKey {
  itemId: string
  delta: number
}

/**
 * The breakdown tallies one visible answer adds to: per dimension, its group's respondents and
 * the tally keys (the type module's own) of each answered question that is broken down. Free
 * text is never broken down.
 */
export function breakdownKeys(questions: readonly Question[], answers: Answers, profile: BreakdownProfile): BreakdownKey[] {
  const values = brokenDownValues(questions, answers)
  return BREAKDOWN_DIMENSIONS.flatMap((dimension) => {
    const groupKey = profile[dimension] ?? ''
    return [{ dimension, groupKey, questionId: '', valueKey: '' }, ...values.map((v) => ({ dimension, groupKey, ...v }))]
  })
}

/** The tally keys of an answer's broken-down questions (respondents not included), the same in every dimension. */
export function brokenDownValues(questions: readonly Question[], answers: Answers): { questionId: string; valueKey: string }[] {
  const values: { questionId: string; valueKey: string }[] = []
  for (const q of questions) {
    const value = answers[q.id]
    if (value === undefined || breakdownKeysOf(q) === null) continue
    for (const valueKey of tallyKeysOf(q, value)) values.push({ questionId: q.id, valueKey })
  }
  return values
}

/** The deltas of one answer counted in (+1) or out (-1) of the breakdowns of its item. */
export function breakdownDeltas(itemId: string, questions: readonly Question[], answers: Answers, profile: BreakdownProfile, delta: 1 | -1): BreakdownDelta[] {
  return breakdownKeys(questions, answers, profile).map((k) => ({ itemId, ...k, delta }))
}

/**
 * Deltas summed per row, zero sums left out. Every writer of breakdown tallies has the database
 * order its rows by key (`collate "C"`), so concurrent ones take row locks alike (no deadlocks).
 */
export function summedBreakdownDeltas(deltas: readonly BreakdownDelta[]): BreakdownDelta[] {
  return summedPerRow(deltas, (d) => `${d.itemId}\u0000${d.dimension}\u0000${d.groupKey}\u0000${d.questionId}\u0000${d.valueKey}`)
}

/**
 * The one order every writer of breakdown tallies has the database write its rows `t` in (by
 * key, `collate "C"`): concurrent writers take row locks alike, so they never deadlock.
 */
export const BREAKDOWN_ROW_ORDER = 'order by t.item_id, t.dimension collate "C", t.group_key collate "C", t.question_id collate "C", t.value_key collate "C"'

/** A breakdown tally row written adds to the one already there (of its shard). */
export const ADD_TO_BREAKDOWN_COUNT = 'on conflict (item_id, dimension, group_key, question_id, value_key, shard) do update set count = breakdown_counts.count + excluded.count'

/**
 * Adds deltas to the breakdown tallies in one statement, on shard 0: for `applyAnswerDeltas`
 * (answer-tallies.ts), which moves the result tallies with them, and the recount.
 */
export async function applyBreakdownDeltas(tx: Db, deltas: readonly BreakdownDelta[]): Promise<void> {
  const rows = summedBreakdownDeltas(deltas)
  if (rows.length === 0) return
  await tx.execute(sql`insert into breakdown_counts (item_id, dimension, group_key, question_id, value_key, count)
    select t.item_id, t.dimension, t.group_key, t.question_id, t.value_key, t.delta
      from unnest(${pgTextArray(rows.map((r) => r.itemId))}::uuid[], ${pgTextArray(rows.map((r) => r.dimension))}::text[], ${pgTextArray(rows.map((r) => r.groupKey))}::text[],
                  ${pgTextArray(rows.map((r) => r.questionId))}::text[], ${pgTextArray(rows.map((r) => r.valueKey))}::text[], ${pgTextArray(rows.map((r) => r.delta))}::bigint[])
           with ordinality as t(item_id, dimension, group_key, question_id, value_key, delta, n)
     ${sql.raw(BREAKDOWN_ROW_ORDER)}
    ${sql.raw(ADD_TO_BREAKDOWN_COUNT)}`)
}

export interface BreakdownCountRow {
  dimension: BreakdownDimension
  groupKey: string
  questionId: string
  valueKey: string
  count: number
}

/** An item's breakdown tallies in these dimensions, summed over shards, zero rows left out. */
export async function readBreakdownCounts(db: Db, itemId: string, dimensions: readonly BreakdownDimension[]): Promise<BreakdownCountRow[]> {
  const rows = await queryRows<{ dimension: BreakdownDimension; group_key: string; question_id: string; value_key: string; count: number | string }>(
    db,
    sql`select dimension, group_key, question_id, value_key, sum(count)::bigint as count from breakdown_counts
         where item_id = ${itemId} and dimension = any(${pgTextArray([...dimensions])}::text[])
         group by dimension, group_key, question_id, value_key having sum(count) <> 0`,
  )
  return rows.map((r) => ({ dimension: r.dimension, groupKey: r.group_key, questionId: r.question_id, valueKey: r.value_key, count: Number(r.count) }))
}
