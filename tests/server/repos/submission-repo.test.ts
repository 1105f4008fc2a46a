import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await givenMunicipality(t.database.db)
})
afterAll(async () => t.dispose())

describe('ingestSubmissions', () => {
  it('stores a merged group of 1,000 submissions, new and replacing, in one go', async () => {
    const now = new Date()
    const itemId = await givenItem(t.database.db, now)
    const batch = Array.from({ length: 1000 }, () => aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q2: ['a', 'b'], q3: 3, q4: 'x'.repeat(100) } }))
    const first = await ingestSubmissions(t.database.db, batch, now)
    expect(first.filter((r) => r.status === 'accepted')).toHaveLength(1000)
    // The same devices answer again: every one of them now has an answer to replace.
    const later = new Date(now.getTime() + 1000)
    const second = await ingestSubmissions(t.database.db, batch.map((s) => ({ ...s, id: crypto.randomUUID(), answeredAt: later.toISOString(), answers: { q1: 'nee' } })), later)
    expect(second.filter((r) => r.status === 'accepted')).toHaveLength(1000)
  })
})
