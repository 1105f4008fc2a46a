import type { Item } from '../../shared/schemas/item'
import type { QuestionResult, Results } from '../../shared/schemas/results'
import type { Db } from '../db/client'
import { readCounts } from './result-counts'

/** Public results of an item, from the running tallies. Text answers only count. */
export async function resultsOf(db: Db, item: Item): Promise<Results> {
  const counts = await readCounts(db, item.id)
  const respondents = counts.get('')?.get('') ?? 0
  const questions: QuestionResult[] = item.questions.map((q) => {
    const tally = counts.get(q.id) ?? new Map<string, number>()
    const answered = tally.get('') ?? 0
    if (q.type === 'text') return { questionId: q.id, type: q.type, answered }
    if (q.type === 'scale') {
      const min = q.min ?? 1
      const max = q.max ?? 5
      const values = Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i)
      const distribution = values.map((v) => ({ key: String(v), count: tally.get(String(v)) ?? 0 }))
      const total = distribution.reduce((sum, d) => sum + d.count, 0)
      const weighted = distribution.reduce((sum, d) => sum + Number(d.key) * d.count, 0)
      return { questionId: q.id, type: q.type, answered, counts: distribution, ...(total > 0 ? { mean: weighted / total } : {}) }
    }
    const optionCounts = (q.options ?? []).map((o) => ({ key: o.id, count: tally.get(o.id) ?? 0 }))
    return { questionId: q.id, type: q.type, answered, counts: optionCounts }
  })
  return { itemId: item.id, respondents, questions }
}
