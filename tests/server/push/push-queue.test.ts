import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import webpush from 'web-push'
import { queryRows } from '../../../src/server/db/client'
import { drainPushQueue } from '../../../src/server/push/push-worker'
import { retryDelayMs } from '../../../src/server/notify/mail-worker'
import { followItems, putPushSubscription, queuePushForItem } from '../../../src/server/repos/push-repo'
import { startPushServiceStandIn, type PushServiceStandIn, type StandInSubscription } from '../../support/push-service'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let service: PushServiceStandIn
let testDb: TestDatabase
let now: Date
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }
const ITEM = '0b8e3c1a-5d2f-4e6a-9b7c-1d2e3f4a5b6c'
const payload = (language: 'nl' | 'en') => ({
  type: 'feedback',
  itemId: ITEM,
  title: 'Mogen jongeren meepraten?',
  url: `/items/${ITEM}`,
  municipality: 'Beverwijk',
  language,
  body: language === 'nl' ? 'Gemeente Beverwijk heeft gereageerd.' : 'Beverwijk municipality has responded.',
})

beforeAll(async () => {
  service = await startPushServiceStandIn()
})
afterAll(() => service.close())
beforeEach(async () => {
  testDb = await createTestDatabase()
  now = new Date('2026-06-01T12:00:00Z')
  service.received.length = 0
})
afterEach(() => testDb.dispose())

async function subscribed(deviceKey: string, language: 'nl' | 'en' = 'nl', follows = [ITEM]): Promise<StandInSubscription> {
  const s = service.subscribe()
  await putPushSubscription(testDb.database.db, deviceKey, { endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, language, municipality: 'beverwijk' }, now)
  await followItems(testDb.database.db, deviceKey, follows)
  return s
}

const drain = () => drainPushQueue(testDb.database.db, vapid, () => now, { allowPrivate: true })
const event = { itemId: ITEM, eventKey: 'feedback:f1', payload: { nl: payload('nl'), en: payload('en') } }

describe('the push queue', () => {
  it('reaches every device that follows the item, once, in its own language; others hear nothing', async () => {
    const a = await subscribed('key-a')
    const b = await subscribed('key-b', 'en')
    const other = await subscribed('key-c', 'nl', ['5c6d7e8f-0a1b-4c2d-8e3f-4a5b6c7d8e9f'])
    expect(await queuePushForItem(testDb.database.db, event, now)).toBe(2)
    expect(await drain()).toEqual({ sent: 2, gone: 0, failed: 0 })
    expect(service.faults).toEqual([])
    const byId = Object.fromEntries(service.received.map((r) => [r.subscriptionId, r.payload]))
    expect(byId[a.id]).toEqual(payload('nl'))
    expect(byId[b.id]).toEqual(payload('en'))
    expect(byId[other.id]).toBeUndefined()
    // The same event again: nothing new is queued or sent.
    expect(await queuePushForItem(testDb.database.db, event, now)).toBe(0)
    expect(await drain()).toEqual({ sent: 0, gone: 0, failed: 0 })
  })

  it('removes a subscription the push service says is gone (410), with its topics', async () => {
    const gone = await subscribed('key-gone')
    service.respondWith(gone.id, 410)
    await queuePushForItem(testDb.database.db, event, now)
    expect(await drain()).toEqual({ sent: 0, gone: 1, failed: 0 })
    expect(await queryRows(testDb.database.db, sql`select * from push_subscriptions`)).toEqual([])
    expect(await queryRows(testDb.database.db, sql`select * from push_topics`)).toEqual([])
  })

  it('tries again after a 503 with backoff, then delivers', async () => {
    const s = await subscribed('key-retry')
    service.respondWith(s.id, 503)
    await queuePushForItem(testDb.database.db, event, now)
    expect(await drain()).toEqual({ sent: 0, gone: 0, failed: 1 })
    service.respondWith(s.id, 201)
    expect(await drain()).toEqual({ sent: 0, gone: 0, failed: 0 })
    now = new Date(now.getTime() + retryDelayMs(1))
    expect(await drain()).toEqual({ sent: 1, gone: 0, failed: 0 })
    expect(service.received).toHaveLength(1)
  })
})
