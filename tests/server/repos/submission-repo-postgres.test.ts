import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDatabase, queryRows, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createPostgresTestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
let dropDatabase: () => Promise<void>
let pools: Database[] = []

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  dropDatabase = created.drop
  // Two pools on one database: two server processes.
  pools = [await createDatabase({ url: created.url, poolSize: 4 }), await createDatabase({ url: created.url, poolSize: 4 })]
  await migrateDatabase(pools[0]!)
})
afterAll(async () => {
  for (const p of pools) await p.close()
  await dropDatabase?.()
})

describe('ingestSubmissions on PostgreSQL', () => {
  it('stores the same submissions sent in opposite orders by two processes at once, without a deadlock', async () => {
    const [a, b] = pools as [Database, Database]
    await givenMunicipality(a.db)
    const now = new Date()
    const itemId = await givenItem(a.db, now)
    // Before receipts were claimed in id order, a batch and its reverse could each hold a row
    // the other was inserting next: PostgreSQL then aborted one (deadlock detected, a 500).
    for (let round = 0; round < 8; round++) {
      const batch = Array.from({ length: 150 }, () => aSubmission(itemId, { answeredAt: now.toISOString() }))
      const [first, second] = await Promise.all([ingestSubmissions(a.db, batch, now, testDeviceKeys), ingestSubmissions(b.db, [...batch].reverse(), now, testDeviceKeys)])
      const accepted = [...first, ...second].filter((r) => r.status === 'accepted').length
      expect(accepted, `round ${round}`).toBe(150)
    }
    const [row] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from submission_receipts where item_id = ${itemId}`)
    expect(row?.n).toBe(8 * 150)
  })
})
