import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDatabase, type Database } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'

export interface TestDatabase {
  database: Database
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** A fresh, migrated, empty PostgreSQL database on the server at `serverUrl`. */
export async function createPostgresTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `meepraat_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = withDatabaseName(serverUrl, name)
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/**
 * A fresh migrated database for one test: PGlite in memory, or, when DATABASE_URL is set, a new
 * database on that PostgreSQL server (so CI runs the same tests against both).
 */
export async function createTestDatabase(serverUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) {
    const database = await createDatabase({ dataDir: 'memory://' })
    await migrateDatabase(database)
    return { database, dispose: () => database.close() }
  }
  const created = await createPostgresTestDatabase(serverUrl)
  const database = await createDatabase({ url: created.url, poolSize: 20 })
  await migrateDatabase(database)
  return {
    database,
    async dispose() {
      await database.close()
      await created.drop()
    },
  }
}
