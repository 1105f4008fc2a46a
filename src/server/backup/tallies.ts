import { sql } from 'drizzle-orm'
import type { Question, Answers } from '../../shared/schemas/question'
import { queryRows, type Db } from '../db/client'
import { breakdownKeys, profileOfColumns, type ProfileColumns } from '../repos/breakdown-counts'
import { itemsWithStatusChanges } from '../repos/item-status-changes'
import { countKeys, RESPONDENTS_KEY } from '../repos/result-counts'

/** One kind of tally compared with its recount. */
export interface TallyKindCheck {
  /** Tally rows compared (non-zero on either side). */
  compared: number
  /** Items whose stored tallies of this kind differ from a recount of their current answers. */
  mismatchedItems: string[]
}

/** The result tallies compared with their recount: a closed item may keep the counts of erased answers. */
export interface ResultTallyCheck extends TallyKindCheck {
  /**
   * Items whose results count more than their answers in the one way erasures leave them
   * (`keptAfterErasure`), on an item that may have been not open at an erasure: not a mismatch,
   * the final results of a closed item keep the counts of answers its residents erased afterwards.
   */
  keptAfterErasure: string[]
}

export interface TallyCheck {
  /** Tally rows compared, of both kinds (non-zero on either side). */
  compared: number
  /** Items whose stored tallies of either kind differ from a recount of their current answers (kept erasures aside). */
  mismatchedItems: string[]
  /** `result_counts`: per question and value. */
  results: ResultTallyCheck
  /** `breakdown_counts`: per dimension, group, question and value. */
  breakdowns: TallyKindCheck
}

const SEP = '\u0000'

/** A stored tally beside its recount: key parts (item id first), the stored sum over shards, the recount. */
interface TallyPair {
  parts: readonly string[]
  stored: number
  recounted: number
}

/** A recount of one kind of tally, by row key (the item id first), to set beside what is stored. */
class Recount {
  private readonly counts = new Map<string, { parts: readonly string[]; count: number }>()

  add(parts: readonly string[]): void {
    const key = parts.join(SEP)
    const entry = this.counts.get(key)
    if (entry) entry.count++
    else this.counts.set(key, { parts, count: 1 })
  }

  /** `stored`: the non-zero sums over shards. Every key on either side, grouped by item id. */
  pairsByItem(stored: readonly { parts: readonly string[]; count: number }[]): Map<string, TallyPair[]> {
    const pairs = new Map<string, TallyPair>()
    for (const s of stored) pairs.set(s.parts.join(SEP), { parts: s.parts, stored: s.count, recounted: this.counts.get(s.parts.join(SEP))?.count ?? 0 })
    for (const [key, r] of this.counts) if (!pairs.has(key)) pairs.set(key, { parts: r.parts, stored: 0, recounted: r.count })
    const byItem = new Map<string, TallyPair[]>()
    for (const p of pairs.values()) {
      const list = byItem.get(p.parts[0]!) ?? []
      list.push(p)
      byItem.set(p.parts[0]!, list)
    }
    return byItem
  }
}

const pairCount = (byItem: Map<string, TallyPair[]>) => [...byItem.values()].reduce((n, pairs) => n + pairs.length, 0)
const sortedItems = (byItem: Map<string, TallyPair[]>, verdictOf: (pairs: TallyPair[]) => boolean) =>
  [...byItem].filter(([, pairs]) => verdictOf(pairs)).map(([itemId]) => itemId).sort()

/** Every stored tally equals its recount. */
const exact = (pairs: readonly TallyPair[]) => pairs.every((p) => p.stored === p.recounted)

/**
 * Whether an item's result tallies (key parts: item id, question id, value key) differ from the
 * recount only as erasures of answers to a closed item leave them: each erased answer keeps one
 * count on the respondents key and at most one on every other key (`countKeys` gives each key
 * once per answer: distinct options of a multiple choice, one rank per option of a ranking, one
 * value per row of a matrix), and a value of a question only together with that question's
 * "answered" key. So no key is below its recount, no question's "answered" key exceeds it by more
 * than the respondents key does, and no value by more than its question's "answered" key does.
 * A tally below its recount, or a key raised more than the erased respondents explain, is still
 * caught. What an erasure may leave is all this check can know (erasures are not recorded); a
 * lost answer row would also fail the breakdowns, which move on erasure and are checked exactly.
 */
function keptAfterErasure(pairs: readonly TallyPair[]): boolean {
  const excess = new Map(pairs.map((p) => [`${p.parts[1]}${SEP}${p.parts[2]}`, p.stored - p.recounted]))
  const excessOf = (questionId: string, valueKey: string) => excess.get(`${questionId}${SEP}${valueKey}`) ?? 0
  const respondents = excessOf(RESPONDENTS_KEY.questionId, RESPONDENTS_KEY.valueKey)
  if (respondents <= 0) return false
  return pairs.every((p) => {
    const [, questionId, valueKey] = p.parts as [string, string, string]
    const e = p.stored - p.recounted
    if (e < 0) return false
    if (questionId === RESPONDENTS_KEY.questionId) return valueKey === RESPONDENTS_KEY.valueKey || e === 0
    return e <= (valueKey === '' ? respondents : excessOf(questionId, ''))
  })
}

interface AnswerRow extends ProfileColumns {
  item_id: string
  answers: Answers
}

/**
 * Recounts every item's tallies from `current_answers` (visible answers only, as the ingest and
 * moderation keep them) and compares them with `result_counts` and `breakdown_counts` (the
 * breakdown keys of each answer, as the data step of migration 0020 counts them). Answers are
 * read a batch at a time through one cursor, in one snapshot with the tallies they are compared to.
 *
 * Breakdowns must equal the recount. Results must too, except where an erasure may have kept
 * counts: an erasure while an item is not open (closed, or not yet open: `itemStatusAt`, as
 * `eraseDeviceRows` decides) deletes the answer and keeps its result counts, so those may exceed
 * the recount in the shape `keptAfterErasure` checks. That is any item not open at `now`. An
 * item open now has been open since its first answer, and is held exact, unless an official's
 * edit after publishing opened or shut it (`itemsWithStatusChanges`: reopened after closing, or
 * its opening moved later), so it may have been not open at an erasure in between. Edits from
 * before that was recorded do not say so: such an item, reopened after an erasure, is reported.
 * Erasures themselves are not recorded (that would say who erased what), hence the shape check.
 */
export async function checkTallies(db: Db, now: Date = new Date()): Promise<TallyCheck> {
  return db.transaction(
    async (tx) => {
      const items = await queryRows<{ id: string; questions: Question[]; open: boolean }>(
        tx,
        sql`select id, questions, (opens_at <= ${now.toISOString()}::timestamptz and closes_at > ${now.toISOString()}::timestamptz) as open from items`,
      )
      const questionsOf = new Map(items.map((i) => [i.id, i.questions]))
      const openItems = new Set(items.filter((i) => i.open).map((i) => i.id))
      const statusChanged = await itemsWithStatusChanges(tx)
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
          for (const k of breakdownKeys(questions, r.answers, profileOfColumns(r))) breakdowns.add([r.item_id, k.dimension, k.groupKey, k.questionId, k.valueKey])
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
      const resultPairs = results.pairsByItem(storedResults.map((s) => ({ parts: [s.item_id, s.question_id, s.value_key], count: Number(s.count) })))
      const breakdownPairs = breakdowns.pairsByItem(
        storedBreakdowns.map((s) => ({ parts: [s.item_id, s.dimension, s.group_key, s.question_id, s.value_key], count: Number(s.count) })),
      )
      // An item that is gone (no row in items) has no dates: held exact, like an open one.
      const mayKeepErased = (itemId: string) => questionsOf.has(itemId) && (!openItems.has(itemId) || statusChanged.has(itemId))
      const kept = new Set(sortedItems(resultPairs, (pairs) => !exact(pairs) && mayKeepErased(pairs[0]!.parts[0]!) && keptAfterErasure(pairs)))
      const resultCheck: ResultTallyCheck = {
        compared: pairCount(resultPairs),
        mismatchedItems: sortedItems(resultPairs, (pairs) => !exact(pairs) && !kept.has(pairs[0]!.parts[0]!)),
        keptAfterErasure: [...kept],
      }
      const breakdownCheck: TallyKindCheck = { compared: pairCount(breakdownPairs), mismatchedItems: sortedItems(breakdownPairs, (pairs) => !exact(pairs)) }
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
