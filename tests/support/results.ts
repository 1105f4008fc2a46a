import type { Db } from '../../src/server/db/client'
import { findPublishedItem } from '../../src/server/repos/item-repo'
import { resultsOf } from '../../src/server/repos/results-repo'
import type { QuestionType } from '../../src/shared/question-types/base'
import type { QuestionResultOf, Results } from '../../src/shared/schemas/results'

/** The result of one question, checked to be of `type` (results are a union by type). */
export function questionResult<T extends QuestionType>(results: Results, questionId: string, type: T): QuestionResultOf<T> {
  const found = results.questions.find((q) => q.questionId === questionId)
  if (!found) throw new Error(`no result for question ${questionId}`)
  if (found.type !== type) throw new Error(`question ${questionId} is ${found.type}, not ${type}`)
  return found as QuestionResultOf<T>
}

/**
 * The running tallies behind an item's results, whatever the number of devices: residents see
 * them only from the municipality's minimum (at least 5), tests of counting read them here.
 */
export async function talliedResults(t: { db: Db; clock: { now: Date } }, itemId: string): Promise<Results> {
  const item = await findPublishedItem(t.db, itemId, t.clock.now)
  if (!item) throw new Error(`no published item ${itemId}`)
  return resultsOf(t.db, item)
}
