import { fileURLToPath } from 'node:url'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { Database } from './client'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Arbitrary constant: the advisory lock that lets only one process migrate at a time. */
const MIGRATION_LOCK_ID = 72_617_001

/**
 * Applies the committed migrations. On a PostgreSQL server several processes may start at
 * once, so they take turns behind an advisory lock held on one
 * connection of the pool.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'embedded') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder })
    return
  }
  const lock = await database.lockClient()
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder })
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined)
    lock.release()
  }
}
