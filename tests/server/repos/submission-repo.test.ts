import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentAnswers } from '../../../src/server/db/schema'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { testDeviceKeys } from '../../support/device-keys'
import { readCounts } from '../../../src/server/repos/result-counts'
import type { Submission } from '../../../src/shared/schemas/submission'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'

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
    const first = await ingestSubmissions(t.database.db, batch, now, testDeviceKeys)
    expect(first.filter((r) => r.status === 'accepted')).toHaveLength(1000)
    // The same devices answer again: every one of them now has an answer to replace.
    const later = new Date(now.getTime() + 1000)
    const second = await ingestSubmissions(t.database.db, batch.map((s) => ({ ...s, id: crypto.randomUUID(), answeredAt: later.toISOString(), answers: { q1: 'nee' } })), later, testDeviceKeys)
    expect(second.filter((r) => r.status === 'accepted')).toHaveLength(1000)
  })
})

const HOUR = 3_600_000

/** The answer to q1 the device currently has on record for the item. */
async function currentChoice(itemId: string, deviceId: string): Promise<unknown> {
  const rows = await t.database.db
    .select({ answers: currentAnswers.answers })
    .from(currentAnswers)
    .where(and(eq(currentAnswers.itemId, itemId), eq(currentAnswers.deviceKey, testDeviceKeys.keyFor('answers', deviceId))))
  return rows[0]?.answers.q1
}

/** The running tallies of q1 per option: they must follow the current answer. */
async function q1Counts(itemId: string): Promise<Record<string, number>> {
  const q1 = (await readCounts(t.database.db, itemId)).get('q1') ?? new Map<string, number>()
  return Object.fromEntries([...q1].filter(([key, n]) => key !== '' && n > 0))
}

describe('a device clock running ahead of the server', () => {
  const at = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString()
  const answer = (itemId: string, deviceId: string, answeredAt: string, q1: string): Submission => aSubmission(itemId, { deviceId, answeredAt, answers: { q1 } })

  it('keeps the later of two future-dated answers in one batch, though both are capped to the same server time', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const itemId = await givenItem(t.database.db, now)
    const inOrder = newDeviceId()
    const reversed = newDeviceId()
    await ingestSubmissions(t.database.db, [answer(itemId, inOrder, at(now, HOUR), 'nee'), answer(itemId, inOrder, at(now, 2 * HOUR), 'ja')], now, testDeviceKeys)
    await ingestSubmissions(t.database.db, [answer(itemId, reversed, at(now, 2 * HOUR), 'ja'), answer(itemId, reversed, at(now, HOUR), 'nee')], now, testDeviceKeys)
    expect(await currentChoice(itemId, inOrder)).toBe('ja')
    expect(await currentChoice(itemId, reversed)).toBe('ja')
    expect(await q1Counts(itemId)).toEqual({ ja: 2 })
  })

  it('gives a full tie (same time on the device too) to the later answer in the batch', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const itemId = await givenItem(t.database.db, now)
    const future = newDeviceId()
    const present = newDeviceId()
    await ingestSubmissions(t.database.db, [answer(itemId, future, at(now, HOUR), 'nee'), answer(itemId, future, at(now, HOUR), 'ja')], now, testDeviceKeys)
    await ingestSubmissions(t.database.db, [answer(itemId, present, now.toISOString(), 'nee'), answer(itemId, present, now.toISOString(), 'ja')], now, testDeviceKeys)
    expect(await currentChoice(itemId, future)).toBe('ja')
    expect(await currentChoice(itemId, present)).toBe('ja')
  })

  it('across batches capped to the same server time, follows the device\'s own times: a later one replaces, an earlier one does not', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const itemId = await givenItem(t.database.db, now)
    const laterSecond = newDeviceId()
    const earlierSecond = newDeviceId()
    await ingestSubmissions(t.database.db, [answer(itemId, laterSecond, at(now, HOUR), 'nee')], now, testDeviceKeys)
    await ingestSubmissions(t.database.db, [answer(itemId, laterSecond, at(now, 2 * HOUR), 'ja')], now, testDeviceKeys)
    await ingestSubmissions(t.database.db, [answer(itemId, earlierSecond, at(now, 2 * HOUR), 'ja')], now, testDeviceKeys)
    await ingestSubmissions(t.database.db, [answer(itemId, earlierSecond, at(now, HOUR), 'nee')], now, testDeviceKeys)
    expect(await currentChoice(itemId, laterSecond)).toBe('ja')
    expect(await currentChoice(itemId, earlierSecond)).toBe('ja')
    expect(await q1Counts(itemId)).toEqual({ ja: 2 })
  })

  it('still lets the server\'s clock decide first: an answer received later wins over one capped earlier, whatever the device said', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const itemId = await givenItem(t.database.db, now)
    const deviceId = newDeviceId()
    await ingestSubmissions(t.database.db, [answer(itemId, deviceId, at(now, 2 * HOUR), 'nee')], now, testDeviceKeys)
    // The phone's clock was corrected in between: its next answer carries an earlier time.
    const later = new Date(now.getTime() + 60_000)
    await ingestSubmissions(t.database.db, [answer(itemId, deviceId, at(later, 0), 'ja')], later, testDeviceKeys)
    expect(await currentChoice(itemId, deviceId)).toBe('ja')
  })
})
