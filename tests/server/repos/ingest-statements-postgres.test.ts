import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { currentAnswers } from '../../../src/server/db/schema'
import { findManagedItemById } from '../../../src/server/repos/managed-item-repo'
import { ingestSubmissions, type IngestSubmission } from '../../../src/server/repos/submission-repo'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { expectStoredExactlyOnce, expectTalliesEqualRecount, mixedWorkload, replayInParallel } from '../../support/ingest-workload'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
let t: TestDatabase
beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  t = await createTestDatabase(serverUrl)
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('the hand-written ingest statements (PostgreSQL)', () => {
  it('store each submission exactly once when the same batch is replayed 20 times at once', async () => {
    const now = new Date()
    const itemId = await givenItem(t.database.db, now)
    const batch = Array.from({ length: 12 }, () => aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q2: ['b'], q3: 3 } }))
    await expectStoredExactlyOnce(t.database.db, batch, await replayInParallel(t.database.db, batch, now, 20))
    await expectTalliesEqualRecount(t.database.db, itemId)
  })

  it('keep the tallies equal to a recount of the current answers after a mixed workload', async () => {
    const now = new Date()
    const itemId = await givenItem(t.database.db, now)
    const item = await findManagedItemById(t.database.db, itemId, now)
    await mixedWorkload(t.database.db, item!, now, crypto.randomUUID())
    await expectTalliesEqualRecount(t.database.db, itemId)
  })

  it('store the channel and partner when given, and app without a partner otherwise', async () => {
    const now = new Date()
    const itemId = await givenItem(t.database.db, now)
    const partnerId = crypto.randomUUID()
    const onPaper: IngestSubmission = { ...aSubmission(itemId, { answeredAt: now.toISOString() }), channel: 'paper', partnerId }
    const inApp = aSubmission(itemId, { answeredAt: now.toISOString() })
    await ingestSubmissions(t.database.db, [onPaper, inApp], now, testDeviceKeys)
    const stored = await t.database.db
      .select({ submissionId: currentAnswers.submissionId, channel: currentAnswers.channel, partnerId: currentAnswers.partnerId })
      .from(currentAnswers)
      .where(and(eq(currentAnswers.itemId, itemId)))
    expect(stored.find((r) => r.submissionId === onPaper.id)).toMatchObject({ channel: 'paper', partnerId })
    expect(stored.find((r) => r.submissionId === inApp.id)).toMatchObject({ channel: 'app', partnerId: null })
  })
})
