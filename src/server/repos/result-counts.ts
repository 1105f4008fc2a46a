import { and, eq, inArray, sql } from 'drizzle-orm'
import { tallyKeysOf } from '../../shared/question-types/registry'
import type { Answers, Question } from '../../shared/schemas/question'
import type { Db } from '../db/client'
import { resultCounts } from '../db/schema'

export interface CountKey {
  questionId: string
  valueKey: string
}

export interface CountDelta extends CountKey {
  itemId: string
  delta: number
}

/**
 * Sub-rows per tally (`shard`, summed on read): each concurrent ingest transaction adds to a
 * shard of its own instead of all queueing for one row lock, which is held until commit.
 */
export const TALLY_SHARDS = 16

/** The tally row that counts respondents (devices) of an item. */
export const RESPONDENTS_KEY: CountKey = { questionId: '', valueKey: '' }

/**
 * The tallies one set of answers adds to: per question "answered" (value key ''), plus the keys
 * its type's module gives (a chosen option, a scale value, an option's rank, a row's value).
 * Text is never a key: only that it was answered.
 */
export function countKeys(questions: readonly Question[], answers: Answers): CountKey[] {
  const keys: CountKey[] = []
  for (const q of questions) {
    const value = answers[q.id]
    if (value === undefined) continue
    keys.push({ questionId: q.id, valueKey: '' })
    for (const valueKey of tallyKeysOf(q, value)) keys.push({ questionId: q.id, valueKey })
  }
  return keys
}

/**
 * Deltas summed per tally row, zero sums left out, in sorted key order: every writer of tallies
 * (ingest, moderation) writes rows in this one order, so concurrent ones cannot deadlock.
 */
export function summedDeltas(deltas: readonly CountDelta[]): CountDelta[] {
  return summedPerRow(deltas, (d) => `${d.itemId}\u0000${d.questionId}\u0000${d.valueKey}`)
}

/** Deltas summed per row (`rowOf` names it), zero sums left out, in sorted order of those names. */
export function summedPerRow<D extends { delta: number }>(deltas: readonly D[], rowOf: (d: D) => string): D[] {
  const summed = new Map<string, D>()
  for (const d of deltas) {
    const key = rowOf(d)
    const prev = summed.get(key)
    if (prev) prev.delta += d.delta
    else summed.set(key, { ...d })
  }
  return [...summed.entries()]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d)
}

/**
 * Adds deltas to the tallies (shard 0) in one statement (rows summed and ordered by `summedDeltas`).
 * Writers of answers call `applyAnswerDeltas` (answer-tallies.ts), which moves the breakdowns too.
 */
export async function applyCountDeltas(tx: Db, deltas: CountDelta[]): Promise<void> {
  const rows = summedDeltas(deltas).map((d) => ({ itemId: d.itemId, questionId: d.questionId, valueKey: d.valueKey, count: d.delta }))
  if (rows.length === 0) return
  await tx
    .insert(resultCounts)
    .values(rows)
    .onConflictDoUpdate({
      target: [resultCounts.itemId, resultCounts.questionId, resultCounts.valueKey, resultCounts.shard],
      set: { count: sql`${resultCounts.count} + excluded.count` },
    })
}

/** All tallies of one item, summed over shards: a primary-key range read, fast at any number of answers. */
export async function readCounts(db: Db, itemId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .select({ questionId: resultCounts.questionId, valueKey: resultCounts.valueKey, count: resultCounts.count })
    .from(resultCounts)
    .where(and(eq(resultCounts.itemId, itemId)))
  const byQuestion = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const m = byQuestion.get(r.questionId) ?? new Map<string, number>()
    m.set(r.valueKey, (m.get(r.valueKey) ?? 0) + Number(r.count))
    byQuestion.set(r.questionId, m)
  }
  return byQuestion
}

/** The respondents of these items (summed over shards), by item id; an item without answers is left out. */
export async function respondentCounts(db: Db, itemIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ itemId: resultCounts.itemId, count: sql<string | number>`sum(${resultCounts.count})` })
    .from(resultCounts)
    .where(and(inArray(resultCounts.itemId, [...itemIds]), eq(resultCounts.questionId, RESPONDENTS_KEY.questionId), eq(resultCounts.valueKey, RESPONDENTS_KEY.valueKey)))
    .groupBy(resultCounts.itemId)
  return new Map(rows.map((r) => [r.itemId, Number(r.count)]))
}
