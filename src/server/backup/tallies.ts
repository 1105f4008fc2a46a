import { sql } from 'drizzle-orm'
import type { Question, Answers } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { breakdownKeys, type BreakdownProfile } from '../repos/breakdown-counts'
import { countKeys, RESPONDENTS_KEY } from '../repos/result-counts'

/** One kind of tally compared with its recount. */
export interface TallyKindCheck {
  /** Tally rows compared (non-zero on either side). */
  compared: number
  /** Items whose stored tallies of this kind differ from a recount of their current answers. */
  mismatchedItems: string[]
}

export interface TallyCheck {
  /** Tally rows compared, of both kinds (non-zero on either side). */
  compared: number
  /** Items whose stored tallies of either kind differ from a recount of their current answers. */
  mismatchedItems: string[]
  /** `result_counts`: per question and value. */
  results: TallyKindCheck
  /** `breakdown_counts`: per dimension, group, question and value. */
  breakdowns: TallyKindCheck
}

const SEP = '\u0000'

/** A recount of one kind of tally, by row key (the item id first), compared with what is stored. */
class Recount {
  private readonly counts = new Map<string, number>()

  add(parts: readonly string[]): void {
    const key = parts.join(SEP)
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }

  /** `stored`: the non-zero sums over shards, each as its key parts (item id first) and count. */
  compare(stored: readonly { parts: readonly string[]; count: number }[]): TallyKindCheck {
    const mismatched = new Set<string>()
    const seen = new Set<string>()
    for (const s of stored) {
      const key = s.parts.join(SEP)
      seen.add(key)
      if ((this.counts.get(key) ?? 0) !== s.count) mismatched.add(s.parts[0]!)
    }
    for (const key of this.counts.keys()) if (!seen.has(key)) mismatched.add(key.split(SEP)[0]!)
    return { compared: new Set([...seen, ...this.counts.keys()]).size, mismatchedItems: [...mismatched].sort() }
  }
}

interface AnswerRow {
  item_id: string
  answers: Answers
  age_band: string | null
  area: string | null
  municipality: string | null
  channel: string
  partner_id: string | null
}

const profileOf = (r: AnswerRow): BreakdownProfile => ({ ageBand: r.age_band, area: r.area, municipality: r.municipality, channel: r.channel, partnerId: r.partner_id })

/**
 * Recounts every item's tallies from `current_answers` (visible answers only, as the ingest and
 * moderation keep them) and compares them with `result_counts` and `breakdown_counts` (the
 * breakdown keys of each answer, as the data step of migration 0020 counts them). Answers are
 * read a batch at a time through one cursor, in one snapshot with the tallies they are compared to.
 */
export async function checkTallies(db: Db): Promise<TallyCheck> {
  return db.transaction(
    async (tx) => {
      const items = await queryRows<{ id: string; questions: Question[] }>(tx, sql`select id, questions from items`)
      const questionsOf = new Map(items.map((i) => [i.id, i.questions]))
      const results = new Recount()
      const breakdowns = new Recount()
      await tx.execute(
        sql.raw('declare tally_answers no scroll cursor for select item_id, answers, age_band, area, municipality, channel, partner_id from current_answers where not hidden'),
      )
      for (;;) {
        const rows = await queryRows<AnswerRow>(tx, sql.raw('fetch forward 5000 from tally_answers'))
        if (rows.length === 0) break
        for (const r of rows) {
          const questions = questionsOf.get(r.item_id) ?? []
          for (const k of [RESPONDENTS_KEY, ...countKeys(questions, r.answers)]) results.add([r.item_id, k.questionId, k.valueKey])
          for (const k of breakdownKeys(questions, r.answers, profileOf(r))) breakdowns.add([r.item_id, k.dimension, k.groupKey, k.questionId, k.valueKey])
        }
      }
      await tx.execute(sql.raw('close tally_answers'))
      const storedResults = await queryRows<{ item_id: string; question_id: string; value_key: string; count: string | number }>(
        tx,
        sql`select item_id, question_id, value_key, sum(count) as count from result_counts group by item_id, question_id, value_key having sum(count) <> 0`,
      )
      const storedBreakdowns = await queryRows<{ item_id: string; dimension: string; group_key: string; question_id: string; value_key: string; count: string | number }>(
        tx,
        sql`select item_id, dimension, group_key, question_id, value_key, sum(count) as count from breakdown_counts
             group by item_id, dimension, group_key, question_id, value_key having sum(count) <> 0`,
      )
      const resultCheck = results.compare(storedResults.map((s) => ({ parts: [s.item_id, s.question_id, s.value_key], count: Number(s.count) })))
      const breakdownCheck = breakdowns.compare(
        storedBreakdowns.map((s) => ({ parts: [s.item_id, s.dimension, s.group_key, s.question_id, s.value_key], count: Number(s.count) })),
      )
      return {
        compared: resultCheck.compared + breakdownCheck.compared,
        mismatchedItems: [...new Set([...resultCheck.mismatchedItems, ...breakdownCheck.mismatchedItems])].sort(),
        results: resultCheck,
        breakdowns: breakdownCheck,
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}
