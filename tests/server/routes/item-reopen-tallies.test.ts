import { and, asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkTallies } from '../../../src/server/backup/tallies'
import { auditLog } from '../../../src/server/db/schema'
import { readCounts } from '../../../src/server/repos/result-counts'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { ManagedItemSchema, type ItemDraft, type ManagedItem } from '../../../src/shared/schemas/item-draft'
import { ErasureSchema } from '../../../src/shared/schemas/my-data'
import type { Answers } from '../../../src/shared/schemas/question'
import { anItemDraft, aSubmission, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

const DAY = 86_400_000
let t: TestApp
let s: Session

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
})
afterEach(async () => t.close())

/** A published poll, open from now for 10 days. */
async function publishedPoll(): Promise<ManagedItem> {
  const created = await t.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: anItemDraft(t.clock.now) })
  expect(created.statusCode, created.body).toBe(201)
  const published = await t.app.inject({ method: 'POST', url: `/api/official/items/${created.json().id}/publish`, headers: s.headers, payload: {} })
  expect(published.statusCode, published.body).toBe(200)
  return ManagedItemSchema.parse(published.json())
}

/** The edit form's save: the item as published, with these changes. */
async function edit(item: ManagedItem, changes: Partial<ItemDraft>): Promise<void> {
  const payload = anItemDraft(t.clock.now, { opensAt: item.opensAt, closesAt: item.closesAt, feedbackDueAt: item.feedbackDueAt, ...changes })
  const res = await t.app.inject({ method: 'PUT', url: `/api/official/items/${item.id}`, headers: s.headers, payload })
  expect(res.statusCode, res.body).toBe(200)
}

const updateDetails = async (itemId: string) =>
  (await t.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.itemId, itemId), eq(auditLog.action, 'item.update'))).orderBy(asc(auditLog.at))).map((r) => r.details)

async function answer(itemId: string, deviceId: string, answers: Answers): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { deviceId, answeredAt: t.clock.now.toISOString(), answers })] } })
  expect(res.json().results[0].status).toBe('accepted')
}

describe('an item an official opens again after a resident erased their answer while it was closed', () => {
  it('keeps the erased answer in its results, and the tally check accepts that: the edit that opened it again says so in the audit log', async () => {
    const item = await publishedPoll()
    const leaving = newDeviceId()
    await answer(item.id, leaving, { q1: 'ja', q2: ['a', 'b'], q3: 4 })
    await answer(item.id, newDeviceId(), { q1: 'nee' })
    t.clock.advance(11 * DAY) // closed: its results are final
    const erased = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { authorization: deviceAuthorization(leaving) } })
    expect(ErasureSchema.parse(erased.json())).toMatchObject({ answersUncounted: 0, answersKeptAsCounts: 1 })
    expect((await readCounts(t.db, item.id)).get('')?.get('')).toBe(2)
    expect((await checkTallies(t.db, t.clock.now)).results.keptAfterErasure).toEqual([item.id])

    // A later closing date opens it again; the audit entry of that edit records the new status.
    s = await signIn(t.app, 'official@beverwijk.nl')
    await edit(item, { closesAt: new Date(t.clock.now.getTime() + 5 * DAY).toISOString() })
    expect(await updateDetails(item.id)).toEqual([{ status: 'open' }])
    const check = await checkTallies(t.db, t.clock.now)
    expect(check.mismatchedItems).toEqual([])
    expect(check.results.keptAfterErasure).toEqual([item.id])
  })

  it('records no status for an edit that leaves the item open, and the status an edit that moves its opening later gives it', async () => {
    const item = await publishedPoll()
    await edit(item, { title: 'Wil je echt meepraten?' })
    await edit(item, { opensAt: new Date(t.clock.now.getTime() + DAY).toISOString() })
    expect(await updateDetails(item.id)).toEqual([{}, { status: 'closed' }])
  })
})
