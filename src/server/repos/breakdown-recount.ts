import { sql } from 'drizzle-orm'
import type { Answers, Question } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { pgTextArray } from '../db/raw-sql'
import { applyBreakdownDeltas, breakdownDeltas, type BreakdownDelta, type BreakdownProfile } from './breakdown-counts'

/** Answers read per round trip while recounting: memory stays flat at any number of answers. */
const ROWS_PER_FETCH = 5_000

/**
 * Counts the breakdown tallies afresh from the visible current answers, for these items (all
 * when none are named), replacing what was stored: the data step that fills them for answers
 * stored before they existed, and bulk loads that write answers without the ingest. Runs in the
 * caller's transaction (the cursor lives in it); the sums are built in memory first, a few
 * thousand rows per item at most, and written in one statement.
 */
export async function recountBreakdowns(tx: Db, itemIds?: readonly string[]): Promise<number> {
  const only = itemIds ? sql`item_id = any(${pgTextArray([...itemIds])}::uuid[])` : sql`true`
  await tx.execute(sql`delete from breakdown_counts where ${only}`)
  const questionRows = await queryRows<{ id: string; questions: Question[] }>(tx, sql`select id, questions from items where ${itemIds ? sql`id = any(${pgTextArray([...itemIds])}::uuid[])` : sql`true`}`)
  const questionsOf = new Map(questionRows.map((r) => [r.id, r.questions]))
  await tx.execute(sql`declare breakdown_recount no scroll cursor for
    select item_id, answers, age_band, area, municipality, channel, partner_id::text as partner_id from current_answers where not hidden and ${only}`)
  const summed = new Map<string, BreakdownDelta>()
  let answers = 0
  for (;;) {
    const rows = await queryRows<{ item_id: string; answers: Answers; age_band: string | null; area: string | null; municipality: string | null; channel: string; partner_id: string | null }>(
      tx,
      sql.raw(`fetch forward ${ROWS_PER_FETCH} from breakdown_recount`),
    )
    if (rows.length === 0) break
    answers += rows.length
    for (const r of rows) {
      const profile: BreakdownProfile = { ageBand: r.age_band, area: r.area, municipality: r.municipality, channel: r.channel, partnerId: r.partner_id }
      for (const d of breakdownDeltas(r.item_id, questionsOf.get(r.item_id) ?? [], r.answers, profile, 1)) {
        const key = `${d.itemId}\u0000${d.dimension}\u0000${d.groupKey}\u0000${d.questionId}\u0000${d.valueKey}`
        const seen = summed.get(key)
        if (seen) seen.delta += 1
        else summed.set(key, d)
      }
    }
  }
  await tx.execute(sql`close breakdown_recount`)
  await applyBreakdownDeltas(tx, [...summed.values()])
  return answers
}
