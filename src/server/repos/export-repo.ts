import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { queryRows, type Db } from '../db/client'
import { copyOutText, postgresClientOf } from '../db/copy-out'

/**
 * Rows per fetch of the CSV export's cursor. A page lives while it is written out (and the next
 * one arrives meanwhile), long enough to outlast a minor collection and be moved to the old
 * generation, where it stays until a full one: at 10,000 rows a page the server grew by about
 * 150 MB over an export of 1,000,000 answers, at 2,000 by about 90 MB (bench; the time next to COPY
 * stayed within the noise of a busy machine).
 */
export const CSV_EXPORT_PAGE_ROWS = 2_000

/**
 * Separates the fields of a packed row. JSON text never holds it raw (PostgreSQL's JSON output
 * writes every control character as \u00XX), and the first field is a uuid and a time.
 */
export const PACKED_FIELD_SEPARATOR = '\x1f'

/** Starts a packed profile field that is JSON text (see `visibleAnswerPackedPages`). */
export const PACKED_JSON_MARK = '\x1e'

/**
 * A profile column packed as it is: converting every value to JSON (`to_jsonb(…)::text`) cost
 * the database a third more than the whole COPY of the rows; only a value that could be misread
 * (it holds the separator, or starts with the mark) goes as JSON behind the mark.
 */
function profileField(column: SQL): SQL {
  return sql`case when ascii(${column}) = 30 or strpos(${column}, chr(31)) > 0 then chr(30) || to_jsonb(${column})::text else coalesce(${column}, '') end`
}

/**
 * The visible answers of an item for the CSV export, in the export's order (answer time, then
 * submission id), each row packed by the database into ONE text: fields separated by
 * PACKED_FIELD_SEPARATOR, in this order:
 *   0  `submission_id,answered_at`: the uuid, and the time in UTC as PostgreSQL writes a
 *      timestamp with DateStyle ISO (`2026-06-01 10:03:00.123456`, the fraction without
 *      trailing zeros, none on a whole second), which the writer turns into what
 *      `Date.toISOString()` writes (`packedTimeAsIso`); `to_char` to that format cost the
 *      database a fifth of the packing. Neither ever needs quoting.
 *   1  age band, 2 area, 3 member municipality: the text as it is (empty when unknown), or, in
 *      the rare case that it holds the separator or starts with PACKED_JSON_MARK, the mark
 *      followed by the text as JSON (`profileField`)
 *   4… the answer to each of `questionIds` as JSON text (`answers -> id`), or empty when absent
 * One string per row instead of an object with a field per column and a parsed answers object:
 * the driver's per-field work and the garbage it leaves were most of an export's time. The
 * writer (`packedCsvWriter`) turns the JSON back into values only for answers it has not seen.
 * `value` puts the item id and question ids in: as parameters (a cursor) or as literals (COPY,
 * which takes no parameters). Runs after `packedTimeStyle` in the same transaction.
 */
function packedAnswersSelect(itemId: string, questionIds: readonly string[], value: (v: string) => SQL): SQL {
  const fields: SQL[] = [
    sql`submission_id::text || ',' || (answered_at at time zone 'UTC')::text`,
    profileField(sql`age_band`),
    profileField(sql`area`),
    profileField(sql`municipality`),
    ...questionIds.map((id) => sql`coalesce((answers -> ${value(id)}::text)::text, '')`),
  ]
  const packed = sql.join(fields, sql.raw(` || chr(31) || `))
  return sql`select ${packed} as p from current_answers
    where item_id = ${value(itemId)}::uuid and not hidden order by answered_at, submission_id`
}

/** The time format the packed rows rely on, for the rest of the caller's transaction only (a server may default to another DateStyle). */
async function packedTimeStyle(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('DateStyle', 'ISO', true)`)
}

/**
 * The packed rows (`packedAnswersSelect`) a page at a time from a cursor of the caller's
 * transaction (the database sorts once); must run in one. The embedded database's way: see
 * `visibleAnswerCsvChunks`.
 */
export async function* visibleAnswerPackedPages(tx: Db, itemId: string, questionIds: readonly string[], pageRows = CSV_EXPORT_PAGE_ROWS): AsyncGenerator<string[]> {
  await packedTimeStyle(tx)
  await tx.execute(sql`declare visible_answers_csv no scroll cursor for ${packedAnswersSelect(itemId, questionIds, (v) => sql`${v}`)}`)
  const fetchPage = () => queryRows<{ p: string }>(tx, sql.raw(`fetch forward ${Math.trunc(pageRows)} from visible_answers_csv`))
  // The next page is asked for before this one is handed over, so the database reads and packs
  // it while the server writes this one out; one page waits at most (memory stays flat).
  let next: Promise<{ p: string }[]> | null = fetchPage()
  try {
    for (;;) {
      const rows: { p: string }[] = await next
      if (rows.length === 0) {
        next = null
        return
      }
      next = fetchPage()
      // Not unhandled if the consumer stops early: `finally` waits for it.
      next.catch(() => undefined)
      yield rows.map((r) => r.p)
    }
  } finally {
    if (next) await next.catch(() => undefined)
    await tx.execute(sql`close visible_answers_csv`).catch(() => undefined)
  }
}

/**
 * The CSV lines of the visible answers (each packed row turned into its line by `lineOf`) in
 * chunks of at least `chunkChars` characters, with the number of rows in each; must run in the
 * caller's transaction. On PostgreSQL the packed rows come from `COPY ... TO STDOUT` on the
 * transaction's connection (no round trip per page, no result object per row, and the database
 * may pack and sort with parallel workers, which a cursor never uses): at 1,000,000 answers the
 * server's CPU per export went from about 1.9 s to 0.8-1.1 s and its memory growth from 60-140 MB
 * to under 10 MB (bench/officials-views.ts). On the embedded database, which can only COPY into
 * memory, they come from the cursor of `visibleAnswerPackedPages`.
 */
export async function* visibleAnswerCsvChunks(
  tx: Db,
  itemId: string,
  questionIds: readonly string[],
  lineOf: (packed: string) => string,
  chunkChars: number,
): AsyncGenerator<{ text: string; rows: number }> {
  const client = postgresClientOf(tx)
  if (client) {
    await packedTimeStyle(tx)
    const { sql: select, params } = new PgDialect().sqlToQuery(packedAnswersSelect(itemId, questionIds, (v) => sql.raw(pg.escapeLiteral(v))))
    if (params.length > 0) throw new Error('COPY takes no parameters')
    yield* copyOutText(client, `copy (${select}) to stdout`, lineOf, chunkChars)
    return
  }
  for await (const page of visibleAnswerPackedPages(tx, itemId, questionIds)) {
    let text = ''
    let rows = 0
    for (const packed of page) {
      text += lineOf(packed)
      rows++
      if (text.length >= chunkChars) {
        yield { text, rows }
        text = ''
        rows = 0
      }
    }
    if (rows > 0) yield { text, rows }
  }
}
