import type { Item } from '../../shared/schemas/item'
import type { AnswerValue, Question } from '../../shared/schemas/question'
import type { AnswerRow } from '../repos/input-repo'

/** Byte order mark: without it Excel opens UTF-8 CSV as ANSI and breaks ë, é and ü. */
const BOM = '\uFEFF'

function optionLabel(q: Question, id: string): string {
  return q.options?.find((o) => o.id === id)?.label ?? id
}

/** One answer as a readable cell: option labels instead of ids, several joined with "; ". */
export function answerText(q: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => optionLabel(q, v)).join('; ')
  if (q.type === 'single' && typeof value === 'string') return optionLabel(q, value)
  return String(value)
}

/**
 * Quotes a CSV cell. Cells starting with = + - @ (or tab/CR) are prefixed with an apostrophe so a
 * spreadsheet never runs a resident's text as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** CSV with one row per submission and one column per question. */
export function itemCsv(item: Item, rows: readonly AnswerRow[]): string {
  const header = ['submission_id', 'answered_at', 'age_band', 'area', ...item.questions.map((q) => q.label)]
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) {
    const cells = [r.submissionId, r.answeredAt.toISOString(), r.ageBand ?? '', r.area ?? '', ...item.questions.map((q) => answerText(q, r.answers[q.id]))]
    lines.push(cells.map(csvCell).join(','))
  }
  return BOM + lines.join('\r\n') + '\r\n'
}

/** JSON export: the item's questions and every visible submission. */
export function itemJson(item: Item, rows: readonly AnswerRow[]) {
  return {
    item: { id: item.id, title: item.title, municipality: item.municipality, questions: item.questions },
    submissions: rows.map((r) => ({
      submissionId: r.submissionId,
      answeredAt: r.answeredAt.toISOString(),
      ageBand: r.ageBand,
      area: r.area,
      answers: r.answers,
    })),
  }
}
