import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import type { Database, Db } from '../db/client'
import { migrateDatabase } from '../db/migrate'
import { appliedMigrationCount, committedMigrationTags } from '../db/migration-status'
import { CommandError } from '../cli/command-error'
import { allTablesEmpty, countRows, listTables, quoteIdent, type TableInfo } from './catalog'
import { BACKUP_VERSION, lines, parseHeader, parseLine, type BackupHeader } from './format'
import { BATCH_ROWS, insertRowBatch, resetSequences } from './rows'

/** Rows are inserted in statements of at most this much JSON text, whichever limit comes first. */
const BATCH_BYTES = 4 * 1024 * 1024

export interface RestoreSummary {
  header: BackupHeader
  tables: { table: string; rows: number }[]
  migratedFrom: number | null
}

/**
 * Restores a backup written by writeBackup into `database`.
 *
 * Refuses a backup of a newer schema than this build (it cannot know those columns), and a
 * database that already holds rows unless `replace` is given, which empties every table first,
 * in the same transaction as the load: a failed restore leaves the database as it was. A backup
 * of an older schema is loaded into that schema (migrations up to the backup's version) and
 * then migrated to this build's, exactly as the server would have migrated it.
 *
 * Transaction ids in xid8 columns are not copied: restored rows carry the restoring
 * transaction's id (see insertRowBatch), so feed and inbox cursors handed out before the
 * restore make the next read return everything rather than skip.
 */
export async function restoreBackup(database: Database, inFile: string, options: { replace: boolean }): Promise<RestoreSummary> {
  if (!existsSync(inFile)) throw new CommandError(`There is no file ${inFile}.`)
  const input = lines(createReadStream(inFile).pipe(createGunzip()))
  try {
    const first = await input.next().catch(() => ({ value: undefined, done: true }))
    const header = parseHeader(first.done ? undefined : first.value)
    if (!header) throw new CommandError(`${inFile} is not a Meepraat backup.`)
    if (header.version > BACKUP_VERSION) throw new CommandError(`${inFile} was written in a newer backup format (${header.version}); restore it with a newer version of Meepraat.`)
    const tags = committedMigrationTags()
    const wanted = header.schemaVersion.migrations
    if (wanted > tags.length)
      throw new CommandError(`The backup has a newer schema (${wanted} migrations, up to ${header.schemaVersion.lastTag}) than this version of Meepraat (${tags.length}); restore it with that version or a newer one.`)
    if (wanted < 1 || tags[wanted - 1] !== header.schemaVersion.lastTag)
      throw new CommandError(`The backup's schema (${header.schemaVersion.lastTag}) is not one this version of Meepraat has; restore it with the version that wrote it.`)

    const applied = await appliedMigrationCount(database.db)
    if (applied > wanted)
      throw new CommandError(`The database already has a newer schema (${applied} migrations) than the backup (${wanted}); restore into a new, empty database (a new DATA_DIR or PostgreSQL database).`)
    if (applied < wanted) await migrateDatabase(database, { upTo: wanted })

    const tables = await listTables(database.db)
    const byName = new Map(tables.map((t) => [t.name, t]))
    const missing = header.tables.filter((t) => !byName.has(t))
    if (missing.length > 0) throw new CommandError(`The database has no table ${missing[0]} that the backup holds; restore into a new, empty database.`)
    const occupied = await allTablesEmpty(database.db, tables)
    if (!occupied.empty && !options.replace)
      throw new CommandError(`The database already holds data (table ${occupied.table}); restore into an empty database, or add --replace to delete everything in it first.`)

    const counts = await database.db.transaction(async (tx) => {
      if (options.replace) await tx.execute(sql.raw(`truncate table ${tables.map((t) => quoteIdent(t.name)).join(', ')} restart identity cascade`))
      const restored = await loadTables(tx, input, byName, inFile)
      await resetSequences(tx)
      for (const { table, rows } of restored) {
        const present = await countRows(tx, table)
        if (present !== rows) throw new CommandError(`Table ${table} has ${present} rows after the restore instead of ${rows}; nothing was restored.`)
      }
      return restored
    })
    if (wanted < tags.length) await migrateDatabase(database)
    return { header, tables: counts, migratedFrom: wanted < tags.length ? wanted : null }
  } finally {
    await input.return(undefined)
  }
}

async function loadTables(tx: Db, input: AsyncGenerator<string>, tables: Map<string, TableInfo>, inFile: string): Promise<{ table: string; rows: number }[]> {
  const damaged = (what: string) => new CommandError(`${inFile} is damaged or incomplete (${what}); nothing was restored.`)
  const done: { table: string; rows: number }[] = []
  let current: { info: TableInfo; hash: ReturnType<typeof createHash>; rows: number; batch: string[]; bytes: number } | null = null
  const flush = async () => {
    if (!current || current.batch.length === 0) return
    await insertRowBatch(tx, current.info, current.batch)
    current.batch = []
    current.bytes = 0
  }
  for (;;) {
    const next = await input.next().catch((error: unknown) => {
      throw damaged(error instanceof Error ? error.message : 'unreadable')
    })
    if (next.done) throw damaged('it ends early')
    let line
    try {
      line = parseLine(next.value)
    } catch {
      throw damaged('a line is not valid')
    }
    if (line.kind === 'complete') {
      if (current) throw damaged(`table ${current.info.name} has no end`)
      return done
    }
    if (line.kind === 'table') {
      const info = tables.get(line.table)
      if (!info || current) throw damaged(`unexpected table ${line.table}`)
      const same = line.columns.length === info.columns.length && line.columns.every((c) => info.columns.includes(c))
      if (!same) throw new CommandError(`The columns of table ${line.table} in the backup differ from the database's; restore into a new, empty database.`)
      current = { info, hash: createHash('sha256'), rows: 0, batch: [], bytes: 0 }
      continue
    }
    if (!current) throw damaged('a row outside a table')
    if (line.kind === 'row') {
      current.hash.update(line.json).update('\n')
      current.rows++
      current.batch.push(line.json)
      current.bytes += line.json.length
      if (current.batch.length >= BATCH_ROWS || current.bytes >= BATCH_BYTES) await flush()
      continue
    }
    // line.kind === 'end'
    await flush()
    if (line.table !== current.info.name || line.rows !== current.rows || line.sha256 !== current.hash.digest('hex')) throw damaged(`the rows of table ${current.info.name} do not match their checksum`)
    done.push({ table: current.info.name, rows: current.rows })
    current = null
  }
}
