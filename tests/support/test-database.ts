import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { inject } from 'vitest'
import { createDatabase, queryRows, type Database } from '../../src/server/db/client'
import { migrateDatabase } from '../../src/server/db/migrate'

export interface TestDatabase {
  database: Database
  /** Gives the database back: the embedded one to this worker's pool, a PostgreSQL one is dropped. */
  dispose(): Promise<void>
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh PostgreSQL database on the server at `serverUrl`: empty, or a copy of `template`
 * (a migrated database nobody is connected to).
 */
export async function createPostgresTestDatabase(serverUrl: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `meepraat_test_${randomBytes(6).toString('hex')}`
  await onServer(serverUrl, (c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`))
  return {
    url: withDatabaseName(serverUrl, name),
    drop: () => onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  }
}

/**
 * Makes a migrated database on the server to copy test databases from (`create database ...
 * template ...` copies files, which is far cheaper than running every migration per test).
 */
export async function createPostgresTemplate(serverUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const created = await createPostgresTestDatabase(serverUrl)
  // Two connections: migrateDatabase holds one for its advisory lock and migrates on another.
  const database = await createDatabase({ url: created.url, poolSize: 2 })
  try {
    await migrateDatabase(database)
  } finally {
    // A template may have no connections while it is copied.
    await database.close()
  }
  return { name: new URL(created.url).pathname.slice(1), drop: created.drop }
}

/**
 * Migrated PGlite databases of this worker that no test holds now. Building one (start the
 * WASM Postgres, run every migration) costs about a second; emptying one costs milliseconds.
 */
const idleEmbedded: Database[] = []

/** Empties every application table and restarts its sequences; the migrations journal (schema `drizzle`) stays. */
export async function resetDatabase(database: Database): Promise<void> {
  const tables = await queryRows<{ name: string }>(database.db, sql`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`)
  if (tables.length > 0) await database.db.execute(sql.raw(`truncate table ${tables.map((t) => t.name).join(', ')} restart identity cascade`))
  const sequences = await queryRows<{ name: string }>(database.db, sql`select format('%I.%I', schemaname, sequencename) as name from pg_sequences where schemaname = 'public'`)
  for (const s of sequences) await database.db.execute(sql.raw(`alter sequence ${s.name} restart`))
}

/**
 * What the migrations made: tables, columns, triggers and functions of the app's schema. A test
 * that adds a trigger or a table (to make a write fail, say) leaves a database that emptying does
 * not restore; such a database is not handed out again.
 */
async function schemaFingerprint(database: Database): Promise<string> {
  const [row] = await queryRows<{ fingerprint: string | null }>(
    database.db,
    sql`select md5(string_agg(part, ',' order by part)) as fingerprint from (
          select 'c:' || table_name || '.' || column_name || ':' || data_type as part from information_schema.columns where table_schema = 'public'
          union all select 't:' || tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal
          union all select 'f:' || proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
        ) parts`,
  )
  return row?.fingerprint ?? ''
}

let migratedFingerprint: string | undefined

async function takeEmbedded(): Promise<Database> {
  for (let idle = idleEmbedded.pop(); idle; idle = idleEmbedded.pop()) {
    try {
      if ((await schemaFingerprint(idle)) !== migratedFingerprint) throw new Error('schema changed by a test')
      await resetDatabase(idle)
      return idle
    } catch {
      // Broken by the test that held it (closed, or its schema changed): build another.
      await idle.close().catch(() => undefined)
    }
  }
  const database = await createDatabase({ dataDir: 'memory://' })
  await migrateDatabase(database)
  migratedFingerprint ??= await schemaFingerprint(database)
  return database
}

/**
 * A migrated, empty database for one test: PGlite in memory, or, when DATABASE_URL is set, a new
 * database on that PostgreSQL server (so CI runs the same tests against both). The embedded one
 * is reused: `dispose()` hands it back to this worker and the next test gets it emptied, unless
 * the test closed it. Tests that need a database no migration ran on build their own.
 */
export async function createTestDatabase(serverUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) {
    const pooled = await takeEmbedded()
    let closed = false
    let disposed = false
    const database: Database = {
      ...pooled,
      async close() {
        closed = true
        await pooled.close()
      },
    }
    return {
      database,
      async dispose() {
        if (disposed) return
        disposed = true
        if (!closed) idleEmbedded.push(pooled)
      },
    }
  }
  // Made by tests/support/global-template.ts for this run; absent outside the server projects.
  const template = inject('postgresTemplate') ?? undefined
  const created = await createPostgresTestDatabase(serverUrl, template)
  const pool = await createDatabase({ url: created.url, poolSize: 20 })
  if (!template) await migrateDatabase(pool)
  // A pool ends once: a test may close it itself, and dispose twice, as on the embedded side.
  let closing: Promise<void> | null = null
  const database: Database = { ...pool, close: () => (closing ??= pool.close()) }
  let disposing: Promise<void> | null = null
  return {
    database,
    dispose: () => (disposing ??= database.close().then(() => created.drop())),
  }
}
