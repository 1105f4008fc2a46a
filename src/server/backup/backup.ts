import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream, existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { appliedMigrationCount, committedMigrationCount } from '../db/migration-status'
import { CommandError } from '../cli/command-error'
import { listTables } from './catalog'
import { BACKUP_FORMAT, BACKUP_VERSION, rowLine, schemaVersionOf, type BackupHeader } from './format'
import { tableRowBatches } from './rows'

export interface BackupSummary {
  header: BackupHeader
  tables: { table: string; rows: number }[]
}

/**
 * Writes a consistent logical dump of every table to `outFile`. All tables are read in one
 * read-only repeatable-read transaction, so the file is one moment of the database even while
 * servers keep writing (PostgreSQL); the embedded database is the CLI's alone while it runs.
 * The database is not migrated first: the backup has the schema version the database has.
 * The file is written beside its final name and renamed when complete, and readable by its
 * owner only: it holds personal data.
 */
export async function writeBackup(database: Database, outFile: string, now: Date): Promise<BackupSummary> {
  if (existsSync(outFile)) throw new CommandError(`${outFile} exists already; choose a new file name, a backup never overwrites one.`)
  const applied = await appliedMigrationCount(database.db)
  if (applied === 0) throw new CommandError('The database has no Meepraat tables yet, so there is nothing to back up.')
  if (applied > committedMigrationCount()) throw new CommandError(`The database has ${applied} migrations, more than this version of Meepraat knows; back it up with the newer version.`)

  const partial = `${outFile}.partial`
  const file = createWriteStream(partial, { mode: 0o600 })
  const gzip = createGzip()
  gzip.pipe(file)
  const write = async (text: string): Promise<void> => {
    if (!gzip.write(text)) await once(gzip, 'drain')
  }
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        await tx.execute(sql.raw(`set local timezone = 'UTC'`))
        const tables = await listTables(tx)
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          schemaVersion: schemaVersionOf(applied),
          createdAt: now.toISOString(),
          database: database.kind,
          tables: tables.map((t) => t.name),
        }
        await write(`${JSON.stringify(header)}\n`)
        const counts: BackupSummary['tables'] = []
        for (const table of tables) {
          await write(`${JSON.stringify({ table: table.name, columns: table.columns })}\n`)
          const hash = createHash('sha256')
          let rows = 0
          for await (const batch of tableRowBatches(tx, table)) {
            let chunk = ''
            for (const line of batch) {
              hash.update(line).update('\n')
              chunk += rowLine(line)
            }
            await write(chunk)
            rows += batch.length
          }
          await write(`${JSON.stringify({ end: table.name, rows, sha256: hash.digest('hex') })}\n`)
          counts.push({ table: table.name, rows })
        }
        await write(`${JSON.stringify({ complete: true })}\n`)
        return { header, tables: counts }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
    gzip.end()
    await finished(file)
    const fd = openSync(partial, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(partial, outFile)
    return summary
  } catch (error) {
    gzip.destroy()
    file.destroy()
    rmSync(partial, { force: true })
    throw error
  }
}
