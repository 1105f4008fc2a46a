import { exportColumnsOf, wellFormedAnswer } from '../../shared/question-types/registry'
import type { Item } from '../../shared/schemas/item'
import type { AnswerValue, Question } from '../../shared/schemas/question'
import type { AnswerRow } from '../repos/input-repo'

/** Byte order mark: without it Excel opens UTF-8 CSV as ANSI and breaks ë, é and ü. */
const BOM = '\uFEFF'

/**
 * The cells of one answer, one per CSV column its type's module gives: option labels instead of
 * ids (several joined with "; "), a matrix row or a ranked option per column. An answer that is
 * not well formed for the question (stored under older rules) is written as it is.
 */
export function answerCells(q: Question, value: AnswerValue | undefined): string[] {
  const columns = exportColumnsOf(q)
  if (value === undefined) return columns.map((c) => c.cell(undefined))
  const answer = wellFormedAnswer(q, value)
  if (!answer) return columns.map((_, i) => (i === 0 ? JSON.stringify(value) : ''))
  return columns.map((c) => c.cell(answer.value))
}

/**
 * Quotes a CSV cell. Cells starting with = + - @ (or tab/CR) are prefixed with an apostrophe so a
 * spreadsheet never runs a resident's text as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * CSV with one row per submission and the columns of each question's type module: one per
 * question for most types, one per statement (matrix) or per option (ranking) where that helps.
 */
export function itemCsv(item: Item, rows: readonly AnswerRow[]): string {
  // A regional item's input can be split by member municipality; other items keep their columns.
  const regional = Boolean(item.regionSlug)
  const header = ['submission_id', 'answered_at', 'age_band', 'area', ...(regional ? ['municipality'] : []), ...item.questions.flatMap((q) => exportColumnsOf(q).map((c) => c.header))]
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) {
    const place = regional ? [r.municipality ?? ''] : []
    const cells = [r.submissionId, r.answeredAt.toISOString(), r.ageBand ?? '', r.area ?? '', ...place, ...item.questions.flatMap((q) => answerCells(q, r.answers[q.id]))]
    lines.push(cells.map(csvCell).join(','))
  }
  return BOM + lines.join('\r\n') + '\r\n'
}

/** JSON export: the item's questions and every visible submission. */
export function itemJson(item: Item, rows: readonly AnswerRow[]) {
  return {
    item: { id: item.id, title: item.title, municipality: item.municipality, ...(item.regionSlug ? { region: item.regionSlug } : {}), questions: item.questions },
    submissions: rows.map((r) => ({
      submissionId: r.submissionId,
      answeredAt: r.answeredAt.toISOString(),
      ageBand: r.ageBand,
      area: r.area,
      ...(item.regionSlug ? { municipality: r.municipality } : {}),
      answers: r.answers,
    })),
  }
}
