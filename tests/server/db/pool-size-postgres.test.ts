import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../../src/server/config'
import { openDatabase } from '../../../src/server/db/open'
import { createPostgresTestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  created = await createPostgresTestDatabase(serverUrl)
})
afterAll(async () => created?.drop())

describe('DATABASE_POOL_SIZE', () => {
  it('sizes the pool the server opens, and never opens more connections than that', async () => {
    const database = await openDatabase(loadConfig({ DATABASE_URL: created.url, DATABASE_POOL_SIZE: '3' }), 'server')
    try {
      await Promise.all(Array.from({ length: 8 }, () => database.db.execute('select pg_sleep(0.05)')))
      expect(database.poolStats()).toMatchObject({ max: 3 })
      expect(database.poolStats()!.total).toBeLessThanOrEqual(3)
    } finally {
      await database.close()
    }
  })
})
