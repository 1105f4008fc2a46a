import type { Database } from '../db/client'
import { migrateDatabase } from '../db/migrate'
import { appliedMigrationCount, committedMigrationCount } from '../db/migration-status'
import { CommandError } from '../cli/command-error'
import { allTablesEmpty, listTables } from './catalog'
import { insertRowBatch, resetSequences, tableDigests, tableRowBatches } from './rows'
import { checkTallies, type TallyCheck } from './tallies'

export interface TableReport {
  table: string
  sourceRows: number
  targetRows: number
  contentMatches: boolean
}

export interface MigrationReport {
  tables: TableReport[]
  /** Both kinds of tally recounted from the answers: results and breakdowns. */
  tallies: TallyCheck
  ok: boolean
}

/**
 * Copies an embedded database (already migrated to this build) into an empty PostgreSQL
 * database: migrations first, then every table parents first in one target transaction, read
 * from one snapshot of the source, then sequences. Afterwards both sides are compared table by
 * table (row count and a digest of the content without the xid8 columns, which the target
 * writes itself) and the target's tallies (results and breakdowns) are recounted from its answers.
 */
export async function migrateToPostgres(source: Database, target: Database): Promise<MigrationReport> {
  const applied = await appliedMigrationCount(target.db)
  if (applied > committedMigrationCount())
    throw new CommandError('The PostgreSQL database has a newer schema than this version of Meepraat; use an empty database.')
  // Empty means: no tables at all, or only Meepraat's own without a row (a server started on it once).
  const existing = await listTables(target.db)
  if (applied === 0 && existing.length > 0) throw new CommandError(`The PostgreSQL database is not empty (it has a table ${existing[0]!.name}); migrate into a new, empty database.`)
  const occupied = await allTablesEmpty(target.db, existing)
  if (!occupied.empty) throw new CommandError(`The PostgreSQL database is not empty (table ${occupied.table} has rows); migrate into a new, empty database.`)
  await migrateDatabase(target)
  const tables = await listTables(source.db)
  const targetTables = new Set((await listTables(target.db)).map((t) => t.name))
  const absent = tables.find((t) => !targetTables.has(t.name))
  if (absent) throw new CommandError(`The PostgreSQL database has no table ${absent.name} after its migrations; is it the same version of Meepraat?`)

  await source.db.transaction(
    async (sourceTx) =>
      target.db.transaction(async (targetTx) => {
        for (const table of tables) {
          for await (const batch of tableRowBatches(sourceTx, table)) await insertRowBatch(targetTx, table, batch)
        }
        await resetSequences(targetTx)
      }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )

  const before = await tableDigests(source.db, tables)
  const after = await tableDigests(target.db, tables)
  const reports = tables.map((t): TableReport => {
    const s = before.get(t.name)!
    const d = after.get(t.name)!
    return { table: t.name, sourceRows: s.rows, targetRows: d.rows, contentMatches: s.sha256 === d.sha256 }
  })
  const tallies = await checkTallies(target.db)
  const ok = reports.every((r) => r.sourceRows === r.targetRows && r.contentMatches) && tallies.mismatchedItems.length === 0
  return { tables: reports, tallies, ok }
}
