import type { Item } from '../../shared/schemas/item'
import type { Results } from '../../shared/schemas/results'
import { resultOf } from '../../shared/question-types/registry'
import type { Db } from '../db/client'
import { readCounts } from './result-counts'

/** Public results of an item, from the running tallies; each question's type module shapes its own. */
export async function resultsOf(db: Db, item: Item): Promise<Results> {
  const counts = await readCounts(db, item.id)
  const respondents = counts.get('')?.get('') ?? 0
  const questions = item.questions.map((q) => resultOf(q, counts.get(q.id) ?? new Map<string, number>()))
  return { itemId: item.id, respondents, questions }
}
