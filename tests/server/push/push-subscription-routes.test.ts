import { sql } from 'drizzle-orm'
import webpush from 'web-push'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { startPushServiceStandIn, type PushServiceStandIn } from '../../support/push-service'
import { aSignup, anAssignment, setAssignment, signUp } from '../../support/tables'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenOfficial, signIn } from '../../support/officials'

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }
let service: PushServiceStandIn
/** Allows the local stand-in, as PUSH_ALLOW_PRIVATE_ENDPOINTS=1 does. */
let open: TestApp
/** The production rule: public https: endpoints only. */
let strict: TestApp

beforeAll(async () => {
  service = await startPushServiceStandIn()
  open = await createTestApp({ push: { vapid, allowPrivate: true, intervalMs: 3_600_000 } })
  strict = await createTestApp({ push: { vapid, allowPrivate: false, intervalMs: 3_600_000 } })
  for (const t of [open, strict]) await givenMunicipality(t.db)
})
afterAll(async () => {
  await open.close()
  await strict.close()
  await service.close()
})

const body = (s: { endpoint: string; keys: { p256dh: string; auth: string } }, extra: Record<string, unknown> = {}) => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys, language: 'nl', municipality: 'beverwijk', topics: [], ...extra })
const put = (t: TestApp, deviceId: string, payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/me/push-subscription', headers: { authorization: deviceAuthorization(deviceId) }, payload: payload as Record<string, unknown> })
const topicsOf = async (t: TestApp) => (await queryRows<{ item_id: string }>(t.db, sql`select item_id from push_topics order by item_id`)).map((r) => r.item_id)
const subscriptionCount = async (t: TestApp) => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from push_subscriptions`))[0]!.n

describe('PUT /api/me/push-subscription', () => {
  it('refuses a private or plain-http endpoint without PUSH_ALLOW_PRIVATE_ENDPOINTS, and stores nothing', async () => {
    const before = await subscriptionCount(strict)
    for (const endpoint of [service.subscribe().endpoint, 'https://127.0.0.1/push/x', 'https://10.1.2.3/p', 'https://[::1]/p', 'https://push.localhost/p', 'http://push.example.net/p', 'ftp://push.example.net/p', 'https://user:pw@push.example.net/p', 'no url']) {
      const res = await put(strict, newDeviceId(), body({ endpoint, keys: service.subscribe().keys }))
      expect([res.statusCode, res.json().error.code], endpoint).toEqual([400, 'bad_request'])
      expect(res.json().error.message).toMatch(/^endpoint: /)
    }
    expect(await subscriptionCount(strict)).toBe(before)
    const ok = await put(strict, newDeviceId(), body({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc123', keys: service.subscribe().keys }))
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('accepts the local stand-in with PUSH_ALLOW_PRIVATE_ENDPOINTS=1, and is idempotent', async () => {
    const deviceId = newDeviceId()
    const s = service.subscribe()
    const itemId = crypto.randomUUID()
    const first = await put(open, deviceId, body(s, { topics: [itemId] }))
    expect([first.statusCode, first.json()]).toEqual([200, { subscribed: true, following: 1 }])
    const count = await subscriptionCount(open)
    const again = await put(open, deviceId, body(s, { topics: [itemId, itemId] }))
    expect(again.json()).toEqual({ subscribed: true, following: 1 })
    expect(await subscriptionCount(open)).toBe(count)
  })

  it('replaces what the device follows on every PUT, and stores a new endpoint in place of the old', async () => {
    const deviceId = newDeviceId()
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    await put(open, deviceId, body(service.subscribe(), { topics: [a, b] }))
    const renewed = service.subscribe()
    const res = await put(open, deviceId, body(renewed, { topics: [b, c], language: 'en' }))
    expect(res.json()).toEqual({ subscribed: true, following: 2 })
    const topics = await topicsOf(open)
    expect(topics).not.toContain(a)
    expect(topics).toEqual(expect.arrayContaining([b, c]))
    const rows = await queryRows<{ endpoint: string; language: string }>(open.db, sql`select endpoint, language from push_subscriptions where endpoint = ${renewed.endpoint}`)
    expect(rows).toEqual([{ endpoint: renewed.endpoint, language: 'en' }])
  })

  it('adds topics with POST /api/me/push-subscription/topics, and adds nothing for a device without a subscription', async () => {
    const deviceId = newDeviceId()
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()]
    await put(open, deviceId, body(service.subscribe(), { topics: [a] }))
    const add = (id: string, payload: unknown) => open.app.inject({ method: 'POST', url: '/api/me/push-subscription/topics', headers: { authorization: deviceAuthorization(id) }, payload: payload as Record<string, unknown> })
    expect((await add(deviceId, { topics: [a, b] })).json()).toEqual({ subscribed: true, following: 2 })
    expect((await add(newDeviceId(), { topics: [a] })).json()).toEqual({ subscribed: false, following: 0 })
  })

  it("follows the device's own sign-ups under a keyed topic, never the sign-up id, and ignores another device's", async () => {
    const t = await createTestApp({ push: { vapid, allowPrivate: true, intervalMs: 3_600_000 } })
    try {
      await givenMunicipality(t.db)
      await givenOfficial(t.db, 'beverwijk')
      const official = await signIn(t.app, 'official@beverwijk.nl')
      const tableId = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], closesAt: new Date(t.clock.now.getTime() + 5 * 86_400_000) })
      await setAssignment(t.app, official, tableId, anAssignment(t.clock.now))
      const mine = aSignup(tableId)
      const theirs = aSignup(tableId)
      await signUp(t.app, [mine])
      await signUp(t.app, [theirs])
      const res = await put(t, mine.deviceId, body(service.subscribe(), { topics: [tableId], signups: [mine.id, theirs.id] }))
      expect(res.json()).toEqual({ subscribed: true, following: 2 })
      const topics = await topicsOf(t)
      expect(topics).toContain(tableId)
      expect(topics).toContain(t.app.deviceKeys.signupPushTopic(mine.id))
      expect(topics).not.toContain(mine.id)
      expect(topics).not.toContain(t.app.deviceKeys.signupPushTopic(theirs.id))
    } finally {
      await t.close()
    }
  })

  it('refuses bad bodies with 400 and a missing device with 404', async () => {
    const s = service.subscribe()
    for (const bad of [{}, body(s, { language: 'fr' }), body(s, { topics: ['not-a-uuid'] }), body({ endpoint: s.endpoint, keys: { p256dh: 'short', auth: s.keys.auth } }), body(s, { extra: 1 }), body(s, { topics: Array.from({ length: 501 }, () => crypto.randomUUID()) })]) {
      expect((await put(open, newDeviceId(), bad)).statusCode).toBe(400)
    }
    const none = await open.app.inject({ method: 'PUT', url: '/api/me/push-subscription', payload: body(s) })
    expect([none.statusCode, none.json().error.code]).toEqual([404, 'not_found'])
  })
})

describe('DELETE /api/me/push-subscription', () => {
  it('removes the subscription with what it follows, and repeating it is fine', async () => {
    const deviceId = newDeviceId()
    const topic = crypto.randomUUID()
    await put(open, deviceId, body(service.subscribe(), { topics: [topic] }))
    const del = () => open.app.inject({ method: 'DELETE', url: '/api/me/push-subscription', headers: { authorization: deviceAuthorization(deviceId) } })
    expect((await del()).json()).toEqual({ subscribed: false, following: 0 })
    expect(await topicsOf(open)).not.toContain(topic)
    expect((await del()).statusCode).toBe(200)
  })
})
