import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Db } from './client'

/** Runs one hand-written statement; `name` makes it a prepared statement where the driver has them. */
export interface RawQueryable {
  query<T>(name: string, text: string, values: readonly unknown[]): Promise<T[]>
}

/**
 * Hand-written SQL straight on the driver, for the few hot paths where building the query costs
 * more than running it (ingest): no query builder, and on PostgreSQL named statements that each
 * connection parses and plans once.
 */
export interface RawSql extends RawQueryable {
  kind: 'embedded' | 'postgres'
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (q: RawQueryable) => Promise<T>): Promise<T>
}

const cache = new WeakMap<object, RawSql>()

function onPool(pool: pg.Pool): RawSql {
  const on = (client: pg.Pool | pg.PoolClient): RawQueryable => ({
    query: async <T>(name: string, text: string, values: readonly unknown[]) => (await client.query({ name, text, values: [...values] })).rows as T[],
  })
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(work) {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('begin')
        const result = await work(on(client))
        await client.query('commit')
        return result
      } catch (error) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError))
        throw error
      } finally {
        client.release(broken)
      }
    },
  }
}

function onPglite(pglite: PGlite): RawSql {
  return {
    kind: 'embedded',
    query: async <T>(_name: string, text: string, values: readonly unknown[]) => (await pglite.query<T>(text, [...values])).rows,
    transaction: (work) => pglite.transaction((tx) => work({ query: async <T>(_name: string, text: string, values: readonly unknown[]) => (await tx.query<T>(text, [...values])).rows })),
  }
}

/** The driver under a database handle from `createDatabase` (not a transaction's). */
export function rawSqlOf(db: Db): RawSql {
  const client = (db as unknown as { $client?: unknown }).$client
  if (typeof client !== 'object' || client === null) throw new Error('rawSqlOf needs the database itself, not a transaction')
  let raw = cache.get(client)
  if (!raw) {
    if (client instanceof pg.Pool) raw = onPool(client)
    else if (client instanceof PGlite) raw = onPglite(client)
    else throw new Error('rawSqlOf: unknown database driver')
    cache.set(client, raw)
  }
  return raw
}

/**
 * A PostgreSQL array literal of text values (uuids, keys, JSON texts, ISO times), quoted so any
 * character is safe, sent as one parameter and cast in the statement (`$1::jsonb[]`). Works the
 * same on both drivers, which serialise JS arrays differently.
 */
export function pgTextArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`
}
