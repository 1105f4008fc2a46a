import type { Answers, Question } from '../../shared/schemas/question'
import type { Db } from '../db/client'
import { applyBreakdownDeltas, breakdownDeltas, type BreakdownDelta, type BreakdownProfile } from './breakdown-counts'
import { applyCountDeltas, countKeys, RESPONDENTS_KEY, type CountDelta } from './result-counts'

/** One visible answer as the tallies see it: what was answered, and where it falls in each breakdown dimension. */
export interface TalliedAnswer {
  answers: Answers
  profile: BreakdownProfile
}

/**
 * An answer that appears (`after` only), disappears (`before` only) or changes (both) in the
 * tallies of its item. Only visible answers count: an answer hidden by moderation is absent on
 * that side, so hiding is `before` only and unhiding `after` only.
 */
export interface AnswerChange {
  itemId: string
  /** The item's questions, which say what each answer adds to. */
  questions: readonly Question[]
  before?: TalliedAnswer
  after?: TalliedAnswer
  /**
   * The result tallies stay as they are and only the breakdowns move: an erased answer to a
   * closed item, whose results are final and published, but whose breakdowns show the answers
   * that are still there.
   */
  keepResults?: boolean
}

/** Where a current answer row (its profile columns beside its answers) falls, as `TalliedAnswer`. */
export function talliedAnswerOf(row: { answers: Answers } & BreakdownProfile): TalliedAnswer {
  return {
    answers: row.answers,
    profile: { ageBand: row.ageBand, area: row.area, municipality: row.municipality, channel: row.channel, partnerId: row.partnerId },
  }
}

/**
 * The result and breakdown deltas of these changes, not yet summed. The one place that says
 * what an answer adds to: respondents and its keys in `result_counts`, and per dimension its
 * group's respondents and keys in `breakdown_counts`. A change that keeps the answer counted
 * gives the respondent -1 and +1, which the summing drops.
 */
export function answerDeltas(changes: readonly AnswerChange[]): { results: CountDelta[]; breakdowns: BreakdownDelta[] } {
  const results: CountDelta[] = []
  const breakdowns: BreakdownDelta[] = []
  for (const c of changes) {
    for (const [side, delta] of [[c.before, -1], [c.after, 1]] as const) {
      if (!side) continue
      if (!c.keepResults) for (const key of [RESPONDENTS_KEY, ...countKeys(c.questions, side.answers)]) results.push({ itemId: c.itemId, ...key, delta })
      breakdowns.push(...breakdownDeltas(c.itemId, c.questions, side.answers, side.profile, delta))
    }
  }
  return { results, breakdowns }
}

/**
 * Moves both kinds of tally for these changes, in the caller's transaction, on shard 0. Every
 * writer of answers beside the ingest (moderation, erasure, the demo's collected answers) goes
 * through here, so none can move the results and forget the breakdowns. The ingest writes the
 * same deltas (`answerDeltas`) in its own group-commit statements, on its shard.
 */
export async function applyAnswerDeltas(tx: Db, changes: readonly AnswerChange[]): Promise<void> {
  const { results, breakdowns } = answerDeltas(changes)
  await applyCountDeltas(tx, results)
  await applyBreakdownDeltas(tx, breakdowns)
}
