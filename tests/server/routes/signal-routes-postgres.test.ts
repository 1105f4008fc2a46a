import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { givenSignalWorld, SIGNAL_CASES, type SignalWorld } from './signal-cases'

const SECRET = 'signal-test-device-key-secret-0123456789'

describe('signals and "Dit herken ik" (PostgreSQL)', () => {
  let testDb: TestDatabase
  let w: SignalWorld
  beforeAll(async () => {
    const serverUrl = inject('postgresUrl')
    expect(serverUrl, 'needs PostgreSQL (npm run test:pg)').toBeTruthy()
    testDb = await createTestDatabase(serverUrl!)
    const clock = { now: new Date('2026-06-01T12:00:00Z'), advance(ms: number) { clock.now = new Date(clock.now.getTime() + ms) } }
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => clock.now, notifier: createMemoryNotifier(), deviceKeySecret: SECRET })
    w = { app, db: testDb.database.db, clock, deviceKeySecret: SECRET }
    await givenSignalWorld(w)
  })
  afterAll(async () => {
    await w?.app.close()
    await testDb?.dispose()
  })

  for (const [name, check] of Object.entries(SIGNAL_CASES)) it(name, () => check(w), 60_000)
})
