import { exportColumnsOf, isFreeText, wellFormedAnswer } from '../../shared/question-types/registry'
import type { ExportColumn } from '../../shared/question-types/base'
import type { Item } from '../../shared/schemas/item'
import type { AnswerValue, Question } from '../../shared/schemas/question'
import { PACKED_FIELD_SEPARATOR, PACKED_JSON_MARK } from '../repos/export-repo'
import type { AnswerRow } from '../repos/input-repo'

/** Byte order mark: without it Excel opens UTF-8 CSV as ANSI and breaks ë, é and ü. */
const BOM = '\uFEFF'

/**
 * Quotes a CSV cell. Cells starting with = + - @ (or tab/CR) are prefixed with an apostrophe so a
 * spreadsheet never runs a resident's text as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The CSV of one item's input, a row at a time: one row per submission and the columns of each
 * question's type module (one per question for most types, one per statement (matrix) or per
 * option (ranking) where that helps). The columns are worked out once, not once per row.
 * The export streams `packedCsvWriter`, which takes its header from here; these row objects'
 * lines (`itemCsv`) are what the tests hold it to, byte for byte.
 */
export function csvWriter(item: Item): { header: string; row(r: AnswerRow): string } {
  // A regional item's input can be split by member municipality; other items keep their columns.
  const regional = Boolean(item.regionSlug)
  const questions = item.questions.map((q) => ({ q, columns: exportColumnsOf(q), memo: isFreeText(q) ? null : new Map<string | number, string[]>() }))
  const header = ['submission_id', 'answered_at', 'age_band', 'area', ...(regional ? ['municipality'] : []), ...questions.flatMap(({ columns }) => columns.map((c) => c.header))]
  return {
    header: `${BOM}${header.map(csvCell).join(',')}\r\n`,
    row(r) {
      const cells = [r.submissionId, r.answeredAt.toISOString(), r.ageBand ?? '', r.area ?? '']
      if (regional) cells.push(r.municipality ?? '')
      for (const { q, columns, memo } of questions) cells.push(...(memo ? memoisedCells(memo, q, columns, r.answers[q.id]) : cellsOf(q, columns, r.answers[q.id])))
      return `${cells.map(csvCell).join(',')}\r\n`
    },
  }
}

/**
 * The same CSV as `csvWriter`, from the database's packed rows (`visibleAnswerCsvChunks`): the
 * line of one packed row, byte for byte what `csvWriter(item).row` gives for that answer.
 * Answers arrive as JSON text in the order of `questionIds`: every question with few possible
 * answers (options, scale values) first, free text last. Rows differ mostly in their id, time
 * and free text, so everything between those (the profile and the other answers, escaped, cut
 * where the free-text cells go) is kept per distinct text of those fields: a row seen before
 * costs a few slices, one lookup and one concatenation per free-text answer. Free text is worked
 * out for each row, except an absent answer, which is the usual case.
 */
export function packedCsvWriter(item: Item): { header: string; questionIds: string[]; line(packed: string): string } {
  const regional = Boolean(item.regionSlug)
  const profileCell = (field: string) => csvCell(field.startsWith(PACKED_JSON_MARK) ? String(JSON.parse(field.slice(1))) : field)
  const profileColumns = [new CellCache(profileCell), new CellCache(profileCell), ...(regional ? [new CellCache(profileCell)] : [])]
  const columns = item.questions.map((q) => {
    const exportColumns = exportColumnsOf(q)
    const cellsFor = (json: string) => cellsOf(q, exportColumns, json === '' ? undefined : (JSON.parse(json) as AnswerValue)).map(csvCell).join(',')
    return { q, freeText: isFreeText(q), cells: cellsFor }
  })
  const choices = columns.filter((c) => !c.freeText).map((c) => ({ ...c, cache: new CellCache(c.cells) }))
  const texts = columns.filter((c) => c.freeText).map((c) => ({ ...c, absent: c.cells('') }))
  // After the head (id and time): age band, area and municipality, then the answers.
  const ANSWERS_AT = 3
  /**
   * The cells between the head and the free-text cells, from the packed fields after the head
   * up to the free text: one more piece than there are free-text answers, each starting with
   * its comma, the last with the line's end.
   */
  const piecesOf = (fixed: string): string[] => {
    const fields = fixed.split(PACKED_FIELD_SEPARATOR)
    const pieces: string[] = []
    let piece = ''
    for (let i = 0; i < profileColumns.length; i++) piece += ',' + profileColumns[i]!.get(fields[i]!)
    let choice = 0
    for (const column of columns) {
      if (column.freeText) {
        pieces.push(piece)
        piece = ''
      } else {
        piece += ',' + choices[choice]!.cache.get(fields[ANSWERS_AT + choice]!)
        choice++
      }
    }
    pieces.push(piece + '\r\n')
    return pieces
  }
  const pieces = new CellCache(piecesOf)
  const freeTexts = new Array<string>(texts.length)
  return {
    header: csvWriter(item).header,
    questionIds: [...choices, ...texts].map((c) => c.q.id),
    line(packed) {
      const headEnd = packed.indexOf(PACKED_FIELD_SEPARATOR)
      // The free-text fields are the last ones: cut them off from the end (JSON text never holds the separator).
      let fixedEnd = packed.length
      for (let i = texts.length - 1; i >= 0; i--) {
        const at = packed.lastIndexOf(PACKED_FIELD_SEPARATOR, fixedEnd - 1)
        freeTexts[i] = packed.slice(at + 1, fixedEnd)
        fixedEnd = at
      }
      const fixed = pieces.get(packed.slice(headEnd + 1, fixedEnd))
      let line = packedTimeAsIso(packed, headEnd) + fixed[0]!
      for (let i = 0; i < texts.length; i++) {
        const json = freeTexts[i]!
        line += ',' + (json === '' ? texts[i]!.absent : texts[i]!.cells(json)) + fixed[i + 1]!
      }
      return line
    },
  }
}

/**
 * The head of a packed row (`uuid,2026-06-01 10:03:00.123456`, ending at `headEnd`) as the CSV
 * writes it: `uuid,2026-06-01T10:03:00.123Z`, milliseconds cut off (not rounded), as
 * `to_char(..., 'MS')` did and as the golden file holds.
 */
export function packedTimeAsIso(packed: string, headEnd: number): string {
  // A uuid is 36 characters, then the comma; the time's fraction starts after `YYYY-MM-DD HH:MM:SS`.
  const time = 37
  const fraction = time + 19
  const date = packed.slice(0, time + 10) + 'T' + packed.slice(time + 11, fraction)
  if (headEnd === fraction) return date + '.000Z'
  const digits = headEnd - fraction - 1
  return date + packed.slice(fraction, fraction + 1 + Math.min(digits, 3)) + (digits >= 3 ? 'Z' : digits === 2 ? '0Z' : '00Z')
}

/** What `work` gives per distinct text, up to MEMO_LIMIT texts (memory stays bounded). */
class CellCache<T = string> {
  private readonly cells = new Map<string, T>()
  constructor(private readonly work: (json: string) => T) {}
  get(json: string): T {
    let cells = this.cells.get(json)
    if (cells === undefined) {
      cells = this.work(json)
      if (this.cells.size < MEMO_LIMIT) this.cells.set(json, cells)
    }
    return cells
  }
}

/** Distinct answers kept per question; past it, cells are simply worked out again (memory stays bounded). */
const MEMO_LIMIT = 10_000

/**
 * The cells of an answer to a question with few possible answers (an option, a scale value),
 * worked out once per distinct answer: checking every answer against its type's schema again
 * for each of a million rows is most of an export's work. Free text never comes here.
 */
function memoisedCells(memo: Map<string | number, string[]>, q: Question, columns: ExportColumn<unknown>[], value: AnswerValue | undefined): string[] {
  if (value === undefined) return cellsOf(q, columns, value)
  // Numbers as they are; strings and structures prefixed apart, so no two answers share a key.
  const key = typeof value === 'number' ? value : typeof value === 'string' ? `s:${value}` : `j:${JSON.stringify(value)}`
  let cells = memo.get(key)
  if (!cells) {
    cells = cellsOf(q, columns, value)
    if (memo.size < MEMO_LIMIT) memo.set(key, cells)
  }
  return cells
}

/**
 * The cells of one answer, one per CSV column its type's module gives: option labels instead of
 * ids (several joined with "; "), a matrix row or a ranked option per column. An answer that is
 * not well formed for the question (stored under older rules) is written as it is.
 */
function cellsOf(q: Question, columns: ExportColumn<unknown>[], value: AnswerValue | undefined): string[] {
  if (value === undefined) return columns.map((c) => c.cell(undefined))
  const answer = wellFormedAnswer(q, value)
  if (!answer) return columns.map((_, i) => (i === 0 ? JSON.stringify(value) : ''))
  return columns.map((c) => c.cell(answer.value))
}

/** The whole CSV at once from row objects: the tests' reference for the streamed export (`packedCsvWriter`). */
export function itemCsv(item: Item, rows: readonly AnswerRow[]): string {
  const csv = csvWriter(item)
  return csv.header + rows.map((r) => csv.row(r)).join('')
}

/**
 * The JSON export in pieces: `head`, then each submission joined by commas, then `tail` make
 * exactly the text of `JSON.stringify(itemJson(item, rows))`, without holding every row.
 */
export function jsonWriter(item: Item): { head: string; row(r: AnswerRow): string; tail: string } {
  const { submissions: _none, ...envelope } = itemJson(item, [])
  const opened = JSON.stringify({ ...envelope, submissions: [] })
  return { head: opened.slice(0, -2), row: (r) => JSON.stringify(jsonSubmission(item, r)), tail: ']}' }
}

function jsonSubmission(item: Item, r: AnswerRow) {
  return {
    submissionId: r.submissionId,
    answeredAt: r.answeredAt.toISOString(),
    ageBand: r.ageBand,
    area: r.area,
    ...(item.regionSlug ? { municipality: r.municipality } : {}),
    answers: r.answers,
  }
}

/** JSON export: the item's questions and every visible submission. */
export function itemJson(item: Item, rows: readonly AnswerRow[]) {
  return {
    item: { id: item.id, title: item.title, municipality: item.municipality, ...(item.regionSlug ? { region: item.regionSlug } : {}), questions: item.questions },
    submissions: rows.map((r) => jsonSubmission(item, r)),
  }
}
