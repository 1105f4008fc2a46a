import { sql } from 'drizzle-orm'
import type { Question, Answers } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { countKeys, RESPONDENTS_KEY } from '../repos/result-counts'

export interface TallyCheck {
  /** Tally rows compared (non-zero on either side). */
  compared: number
  /** Items whose stored tallies differ from a recount of their current answers. */
  mismatchedItems: string[]
}

/**
 * Recounts every item's tallies from `current_answers` (visible answers only, as the ingest and
 * moderation keep them) and compares them with `result_counts`. Answers are read a batch at a
 * time through a cursor, in one snapshot with the tallies they are compared to.
 */
export async function checkTallies(db: Db): Promise<TallyCheck> {
  return db.transaction(
    async (tx) => {
      const items = await queryRows<{ id: string; questions: Question[] }>(tx, sql`select id, questions from items`)
      const questionsOf = new Map(items.map((i) => [i.id, i.questions]))
      const recount = new Map<string, number>()
      const add = (itemId: string, questionId: string, valueKey: string) => {
        const key = `${itemId}\u0000${questionId}\u0000${valueKey}`
        recount.set(key, (recount.get(key) ?? 0) + 1)
      }
      await tx.execute(sql.raw('declare tally_answers no scroll cursor for select item_id, answers from current_answers where not hidden'))
      for (;;) {
        const rows = await queryRows<{ item_id: string; answers: Answers }>(tx, sql.raw('fetch forward 5000 from tally_answers'))
        if (rows.length === 0) break
        for (const r of rows) {
          add(r.item_id, RESPONDENTS_KEY.questionId, RESPONDENTS_KEY.valueKey)
          for (const k of countKeys(questionsOf.get(r.item_id) ?? [], r.answers)) add(r.item_id, k.questionId, k.valueKey)
        }
      }
      await tx.execute(sql.raw('close tally_answers'))
      const stored = await queryRows<{ item_id: string; question_id: string; value_key: string; count: string | number }>(
        tx,
        sql`select item_id, question_id, value_key, sum(count) as count from result_counts group by item_id, question_id, value_key having sum(count) <> 0`,
      )
      const mismatched = new Set<string>()
      const seen = new Set<string>()
      for (const s of stored) {
        const key = `${s.item_id}\u0000${s.question_id}\u0000${s.value_key}`
        seen.add(key)
        if ((recount.get(key) ?? 0) !== Number(s.count)) mismatched.add(s.item_id)
      }
      for (const key of recount.keys()) if (!seen.has(key)) mismatched.add(key.split('\u0000')[0]!)
      return { compared: new Set([...seen, ...recount.keys()]).size, mismatchedItems: [...mismatched].sort() }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}
