import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'
import { quoteIdent, type TableInfo } from './catalog'

/** Rows fetched per round trip: bounded memory at any table size (a million answers included). */
export const BATCH_ROWS = 1000

/**
 * The rows of a table as JSON text (`row_to_json`), in primary-key order, a batch at a time.
 * Must run inside a transaction: a server-side cursor (DECLARE ... FETCH) reads the whole table
 * in that transaction's snapshot without the table ever being in this process's memory, on
 * PostgreSQL and on PGlite alike. The text is passed on as is, never parsed, so bigints, bytea
 * (as `\x..` hex), jsonb and time stamps with microseconds survive unchanged. `omit` leaves
 * columns out (the xid8 columns for a content digest).
 */
export async function* tableRowBatches(tx: Db, table: TableInfo, omit: string[] = []): AsyncGenerator<string[]> {
  const columns = table.columns.filter((c) => !omit.includes(c))
  const cursor = quoteIdent(`backup_${table.name}`)
  const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : '1'
  const select = table.primaryKey.length > 0
    ? `select row_to_json(r)::text as line from (select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table.name)} order by ${order}) r`
    : // Without a key the only stable order is the row's own text.
      `select line from (select row_to_json(r)::text as line from (select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table.name)}) r) l order by line collate "C"`
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for ${select}`))
  try {
    for (;;) {
      const rows = await queryRows<{ line: string }>(tx, sql.raw(`fetch forward ${BATCH_ROWS} from ${cursor}`))
      if (rows.length === 0) return
      yield rows.map((r) => r.line)
    }
  } finally {
    await tx.execute(sql.raw(`close ${cursor}`)).catch(() => undefined)
  }
}

/**
 * What a restored row gets in an xid8 column. Transaction ids belong to the database that wrote
 * them: copied into another database they could lie ahead of its own counter and look "still
 * in progress" to every feed read there, or collide with its ids. The restoring transaction's
 * own id marks every restored row as written by the restore: a cursor handed out before the
 * restore (by this database or, with the same system identifier, its source) sees all of it
 * as news and reads everything again, never less. NULL stays NULL ("nothing written yet").
 */
function columnValue(table: TableInfo, column: string): string {
  const ref = `r.${quoteIdent(column)}`
  return table.xidColumns.includes(column) ? `case when ${ref} is null then null else pg_current_xact_id() end` : ref
}

/** Inserts rows given as `row_to_json` text, letting PostgreSQL parse every value by its column type. */
export async function insertRowBatch(tx: Db, table: TableInfo, lines: string[]): Promise<void> {
  if (lines.length === 0) return
  const target = quoteIdent(table.name)
  const columns = table.columns.map(quoteIdent).join(', ')
  const values = table.columns.map((c) => columnValue(table, c)).join(', ')
  await tx.execute(sql`${sql.raw(`insert into ${target} (${columns}) overriding system value select ${values} from json_populate_recordset(null::${target}, `)}${`[${lines.join(',')}]`}${sql.raw('::json) r')}`)
}

/** Moves every sequence owned by a column of the public schema past the highest value restored. */
export async function resetSequences(tx: Db): Promise<number> {
  const owned = await queryRows<{ sequence: string; table: string; column: string }>(
    tx,
    sql`select s.relname as sequence, t.relname as table, a.attname as column
        from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_class t on t.oid = d.refobjid join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where n.nspname = 'public' and d.deptype in ('a', 'i')`,
  )
  for (const o of owned) {
    const seq = `'${quoteIdent(o.sequence).replace(/'/g, "''")}'`
    await tx.execute(sql.raw(`select setval(${seq}, coalesce((select max(${quoteIdent(o.column)}) from ${quoteIdent(o.table)}), 1), (select count(*) > 0 from ${quoteIdent(o.table)}))`))
  }
  return owned.length
}

export interface TableDigest {
  rows: number
  /** sha256 over the rows in key order, xid8 columns left out (a restore rewrites them on purpose). */
  sha256: string
}

/**
 * A digest of a table's content that two databases agree on exactly when they hold the same
 * rows. Runs in one snapshot, in UTC, so time stamps print the same on either side.
 */
export async function tableDigests(db: Db, tables: TableInfo[]): Promise<Map<string, TableDigest>> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw(`set local timezone = 'UTC'`))
      const digests = new Map<string, TableDigest>()
      for (const table of tables) {
        const hash = createHash('sha256')
        let rows = 0
        for await (const batch of tableRowBatches(tx, table, table.xidColumns)) {
          for (const line of batch) hash.update(line).update('\n')
          rows += batch.length
        }
        digests.set(table.name, { rows, sha256: hash.digest('hex') })
      }
      return digests
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}
