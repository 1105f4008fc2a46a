import type { QuestionFields } from '../../../shared/schemas/question'
import type { QuestionResult } from '../../../shared/schemas/results'

export interface ResultRow {
  key: string
  label: string
  count: number
  /** Share of the devices that answered this question, 0..100. */
  percent: number
}

/**
 * Turns one question's counts into rows in the question's own order, with zero rows for
 * options nobody chose, so the chart and the table always show every choice.
 */
export function resultRows(question: QuestionFields, result: QuestionResult): ResultRow[] {
  const counts = new Map(('counts' in result ? result.counts : []).map((c) => [c.key, c.count]))
  const row = (key: string, label: string): ResultRow => {
    const count = counts.get(key) ?? 0
    return { key, label, count, percent: result.answered > 0 ? (count / result.answered) * 100 : 0 }
  }
  if (question.type === 'single' || question.type === 'multiple') {
    return (question.options ?? []).map((o) => row(o.id, o.label))
  }
  if (question.type === 'scale') {
    const min = question.min ?? 1
    const max = question.max ?? 5
    const rows: ResultRow[] = []
    for (let value = min; value <= max; value++) {
      const end = value === min ? question.minLabel : value === max ? question.maxLabel : undefined
      rows.push(row(String(value), end ? `${value} (${end})` : String(value)))
    }
    return rows
  }
  return []
}
