import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from './client'

const journalFile = fileURLToPath(new URL('./migrations/meta/_journal.json', import.meta.url))

/** How many migrations this build ships (the journal committed beside them). */
export function committedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}

/**
 * How many migrations the database has applied, from Drizzle's own bookkeeping table;
 * 0 when the table does not exist yet (a fresh database).
 */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)
  if (!exists?.present) return 0
  const [row] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`)
  return Number(row?.n ?? 0)
}
