import webpush from 'web-push'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drainPushQueue } from '../../../src/server/push/push-worker'
import { queuePushForItem } from '../../../src/server/repos/push-repo'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { startPushServiceStandIn, type PushServiceStandIn } from '../../support/push-service'
import { createTestApp, type TestApp } from '../../support/test-app'

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }
let service: PushServiceStandIn
let t: TestApp
beforeAll(async () => {
  service = await startPushServiceStandIn()
  // Two per claim round and no timer within the test: only the wake after publishing sends.
  t = await createTestApp({ push: { vapid, allowPrivate: true, intervalMs: 3_600_000, drainLimit: 2 } })
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
})
afterAll(async () => {
  await t.close()
  await service.close()
})

/** Waits until `done()` holds, checking every 20 ms, for at most `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('the push worker', () => {
  it('sends every follower of a feedback at once, in as many claim rounds as it takes, not one round per interval', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    for (let i = 0; i < 5; i++) {
      const sub = service.subscribe()
      const res = await t.app.inject({ method: 'PUT', url: '/api/me/push-subscription', headers: { authorization: deviceAuthorization(newDeviceId()) }, payload: { endpoint: sub.endpoint, keys: sub.keys, language: 'nl', municipality: 'beverwijk', topics: [itemId] } })
      expect(res.statusCode).toBe(200)
    }
    const official = await signIn(t.app, 'official@beverwijk.nl')
    const res = await t.app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: official.headers, payload: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } })
    expect(res.statusCode).toBe(201)
    await until(() => service.received.length >= 5, 15_000)
    expect(service.faults).toEqual([])
    expect(service.received).toHaveLength(5)
  })

  it('sends with several messages in flight and each message exactly once', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      const sub = service.subscribe()
      ids.push(sub.id)
      await t.app.inject({ method: 'PUT', url: '/api/me/push-subscription', remoteAddress: `198.51.100.${i + 1}`, headers: { authorization: deviceAuthorization(newDeviceId()) }, payload: { endpoint: sub.endpoint, keys: sub.keys, language: 'nl', municipality: 'beverwijk', topics: [itemId] } })
    }
    service.received.length = 0
    const queued = await queuePushForItem(t.db, { itemId, eventKey: 'feedback:many', payload: { nl: { type: 'feedback', itemId }, en: { type: 'feedback', itemId } } }, t.clock.now)
    expect(queued).toBe(20)
    const outcome = await drainPushQueue(t.db, vapid, () => t.clock.now, { allowPrivate: true, limit: 50, concurrency: 8 })
    expect(outcome).toEqual({ sent: 20, gone: 0, failed: 0 })
    expect(service.received.map((r) => r.subscriptionId).sort()).toEqual([...ids].sort())
    expect(await drainPushQueue(t.db, vapid, () => t.clock.now, { allowPrivate: true, concurrency: 8 })).toEqual({ sent: 0, gone: 0, failed: 0 })
  })
})
