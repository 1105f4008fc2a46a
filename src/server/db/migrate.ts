import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { Database } from './client'
import { committedJournal, migrationsFolder } from './migration-status'
import { runDataMigrations } from './data-migrations'

export interface MigrateOptions {
  /** Stop after this many migrations (restoring an older backup). */
  upTo?: number
  /**
   * Gives `DEVICE_KEY_SECRET` for the data migrations after the SQL ones (`data-migrations.ts`);
   * asked only when one is pending. Without it a pending step stays pending for the server,
   * which always passes it, to apply at its next start.
   */
  deviceKeySecret?: () => string
}

/** Arbitrary constant: the advisory lock that lets only one process migrate at a time. */
const MIGRATION_LOCK_ID = 72_617_001

/**
 * Applies the committed migrations. On a PostgreSQL server several processes may start at
 * once, so they take turns behind an advisory lock held on one
 * connection of the pool.
 */
export async function migrateDatabase(database: Database, options: MigrateOptions = {}): Promise<void> {
  const folder = options.upTo === undefined ? migrationsFolder : firstMigrations(options.upTo)
  // A partial schema (a restore on its way) has its rows still to come: the data steps wait.
  const dataSteps = () => (options.upTo === undefined ? runDataMigrations(database.db, options.deviceKeySecret) : Promise.resolve())
  try {
    if (database.kind === 'embedded') {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder })
      await dataSteps()
      return
    }
    const lock = await database.lockClient()
    try {
      await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
      await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder })
      await dataSteps()
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined)
      lock.release()
    }
  } finally {
    if (folder !== migrationsFolder) rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * A copy of the migrations folder that stops after the first `count` migrations: restoring a
 * backup of an older schema builds that schema first, loads the rows, then migrates on.
 */
function firstMigrations(count: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'meepraat-migrations-'))
  const journal = committedJournal()
  journal.entries = journal.entries.slice(0, count)
  mkdirSync(path.join(folder, 'meta'))
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const entry of journal.entries) copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`))
  return folder
}
