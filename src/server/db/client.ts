import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { lockDataDir } from './data-dir-lock'
import { DurableNodeFS } from './durable-node-fs'
import { initialiseDataDir } from './initialise-data-dir'
import * as schema from './schema'

/**
 * The one database type the code is written against, whichever driver is underneath, and
 * whether it is the whole database or an open transaction: drizzle's `PgTransaction` extends
 * `PgDatabase`, so a repo typed on `Db` takes the `tx` of `db.transaction(...)` as it is, and a
 * service can run several repo calls (and the audit entry) in one transaction without a cast.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A name for the same type where a function is meant to run inside a caller's transaction. */
export type DbExecutor = Db

export interface Database {
  db: Db
  kind: 'embedded' | 'postgres'
  close(): Promise<void>
  /** A dedicated connection of a PostgreSQL server (for session-level advisory locks). */
  lockClient(): Promise<pg.PoolClient>
  /** Connections of a PostgreSQL server's pool right now (metrics); null for the embedded database. */
  poolStats(): PoolStats | null
}

export interface PoolStats {
  /** Most connections the pool opens. */
  max: number
  /** Open connections, busy or idle. */
  total: number
  idle: number
  /** Queries waiting for a connection because all are busy. */
  waiting: number
}

export interface DatabaseOptions {
  /** A postgres:// URL selects a PostgreSQL server. */
  url?: string | undefined
  /** Directory for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string
  /** Connections in the pool of a PostgreSQL server. */
  poolSize?: number
  /** What this process is ("server", "admin command"); named to a process refused the data directory. */
  role?: string
}

/** Opens PGlite (embedded, the default) or a node-postgres pool (`url`). */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const max = options.poolSize ?? 10
    const pool = new pg.Pool({ connectionString: options.url, max })
    // An idle connection can die (server restart, admin kill). Without a listener node-postgres
    // re-throws that as an uncaught error and the process exits; the pool reconnects by itself.
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))
    const db: Db = drizzlePg({ client: pool, schema })
    return {
      db,
      kind: 'postgres',
      close: () => pool.end(),
      lockClient: () => pool.connect(),
      poolStats: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    }
  }
  const dataDir = options.dataDir ?? './data'
  if (dataDir.startsWith('memory://')) return embedded(await PGlite.create(dataDir), () => {})
  // Taken before PGlite touches the directory: a second process must never open it.
  const lock = lockDataDir(dataDir, options.role ?? 'process')
  try {
    await initialiseDataDir(dataDir)
    return embedded(await PGlite.create({ fs: new DurableNodeFS(dataDir) }), () => lock.release())
  } catch (error) {
    lock.release()
    throw error
  }
}

function embedded(client: PGlite, release: () => void): Database {
  const db: Db = drizzlePglite({ client, schema })
  return {
    db,
    kind: 'embedded',
    close: async () => {
      try {
        if (!client.closed) await client.close()
      } finally {
        release()
      }
    },
    lockClient: () => Promise.reject(new Error('the embedded database has a single connection')),
    poolStats: () => null,
  }
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}
