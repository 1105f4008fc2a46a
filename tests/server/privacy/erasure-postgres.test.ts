import { describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase } from '../../support/test-database'
import { checkErasure } from './erasure-cases'

const SECRET = 'erasure-test-device-key-secret-0123456789'

describe('DELETE /api/me (PostgreSQL)', () => {
  it('erases every row of the device under every key, uncounts answers to open items and keeps final results as counts only', async () => {
    const serverUrl = inject('postgresUrl')
    expect(serverUrl, 'needs PostgreSQL (npm run test:pg)').toBeTruthy()
    const testDb = await createTestDatabase(serverUrl!)
    const clock = { now: new Date('2026-06-01T12:00:00Z'), advance(ms: number) { clock.now = new Date(clock.now.getTime() + ms) } }
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => clock.now, notifier: createMemoryNotifier(), deviceKeySecret: SECRET })
    try {
      await checkErasure({ app, db: testDb.database.db, clock, deviceKeySecret: SECRET })
    } finally {
      await app.close()
      await testDb.dispose()
    }
  }, 120_000)
})
