import { describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { createDatabase, queryRows } from '../../../src/server/db/client'
import { createPostgresTestDatabase } from '../../support/test-database'

describe('createDatabase (PostgreSQL)', () => {
  it('survives the server killing an idle connection and reconnects for the next query', async () => {
    const serverUrl = inject('postgresUrl')
    if (!serverUrl) throw new Error('This test needs PostgreSQL: install it or set DATABASE_URL')
    const created = await createPostgresTestDatabase(serverUrl)
    const database = await createDatabase({ url: created.url })
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    try {
      await queryRows(database.db, sql`select 1`)
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      const dbName = new URL(created.url).pathname.slice(1)
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName])
      await admin.end()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const [row] = await queryRows<{ n: number }>(database.db, sql`select 2 as n`)
      expect(row?.n).toBe(2)
      expect(uncaught).toEqual([])
    } finally {
      process.off('uncaughtException', onUncaught)
      await database.close()
      await created.drop()
    }
  })
})
