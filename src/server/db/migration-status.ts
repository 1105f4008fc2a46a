import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from './client'

/**
 * The committed migrations, beside this module in the sources and beside the bundle in
 * dist/server: every reader of the journal goes through here, so that one path is right in both.
 */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export interface JournalEntry {
  tag: string
}

/** The journal of the migrations this build ships, in order. */
export function committedJournal(): { entries: JournalEntry[] } {
  return JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] }
}

/** The tags of the migrations this build ships, in order. */
export function committedMigrationTags(): string[] {
  return committedJournal().entries.map((e) => e.tag)
}

/** How many migrations this build ships. */
export function committedMigrationCount(): number {
  return committedJournal().entries.length
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
