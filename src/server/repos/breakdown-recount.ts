import { sql } from 'drizzle-orm'
import { tallyKeysOf } from '../../shared/question-types/registry'
import type { Question } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { pgTextArray } from '../db/raw-sql'
import { applyBreakdownDeltas, BREAKDOWN_DIMENSIONS, type BreakdownDelta } from './breakdown-counts'
import { scanAnswerGroups } from './breakdown-repo'

/**
 * Counts the breakdown tallies afresh from the visible current answers, for these items (all
 * when none are named), replacing what was stored: the data step that fills them for answers
 * stored before they existed, and bulk loads that write answers without the ingest. Runs in the
 * caller's transaction. The database sums the answers per profile and value first
 * (`scanAnswerGroups`, the grouping officials read before the tallies), so the server handles a
 * few thousand sums per item, not every answer. Returns how many items were counted.
 */
export async function recountBreakdowns(tx: Db, itemIds?: readonly string[]): Promise<number> {
  const items = await queryRows<{ id: string; questions: Question[] }>(
    tx,
    sql`select id, questions from items where ${itemIds ? sql`id = any(${pgTextArray([...itemIds])}::uuid[])` : sql`true`} order by id`,
  )
  await tx.execute(sql`delete from breakdown_counts where ${itemIds ? sql`item_id = any(${pgTextArray([...itemIds])}::uuid[])` : sql`true`}`)
  for (const item of items) {
    const byId = new Map(item.questions.map((q) => [q.id, q]))
    const deltas: BreakdownDelta[] = []
    const add = (dimension: BreakdownDelta['dimension'], group: string | null, questionId: string, valueKey: string, n: number) =>
      deltas.push({ itemId: item.id, dimension, groupKey: group ?? '', questionId, valueKey, delta: n })
    await scanAnswerGroups(tx, item.id, item.questions, {
      respondents: (profile, n) => {
        for (const d of BREAKDOWN_DIMENSIONS) add(d, profile[d], '', '', n)
      },
      value: (profile, questionId, value, n) => {
        const question = byId.get(questionId)
        if (!question) return
        for (const key of tallyKeysOf(question, value)) for (const d of BREAKDOWN_DIMENSIONS) add(d, profile[d], questionId, key, n)
      },
    })
    // Summed per row by `applyBreakdownDeltas`: profiles that differ only in another dimension meet there.
    await applyBreakdownDeltas(tx, deltas)
  }
  return items.length
}
