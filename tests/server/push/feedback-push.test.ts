import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpush from 'web-push'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/server/app'
import { followItems, putPushSubscription } from '../../../src/server/repos/push-repo'
import { givenItem, givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { givenOfficial, signIn } from '../../support/officials'
import { startPushServiceStandIn, type PushServiceStandIn } from '../../support/push-service'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let service: PushServiceStandIn
let testDb: TestDatabase
let app: FastifyInstance
const now = new Date('2026-06-01T12:00:00Z')

beforeAll(async () => {
  service = await startPushServiceStandIn()
  testDb = await createTestDatabase()
  app = await buildApp({
    database: testDb.database,
    ownsDatabase: false,
    clock: () => now,
    notifier: createMemoryNotifier(),
    push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }, allowPrivate: true, intervalMs: 3_600_000 },
  })
  await givenMunicipality(testDb.database.db)
  await givenOfficial(testDb.database.db, 'beverwijk')
})
afterAll(async () => {
  await app.close()
  await testDb.dispose()
  await service.close()
})

describe('feedback reaches devices by Web Push', () => {
  it('publishing feedback on an item sends each following device one notification naming the municipality', async () => {
    const itemId = await givenItem(testDb.database.db, now, { title: 'Mogen jongeren meepraten?' })
    const nl = service.subscribe()
    const en = service.subscribe()
    await putPushSubscription(testDb.database.db, 'push-key-nl', { endpoint: nl.endpoint, p256dh: nl.keys.p256dh, auth: nl.keys.auth, language: 'nl', municipality: 'beverwijk' }, now)
    await putPushSubscription(testDb.database.db, 'push-key-en', { endpoint: en.endpoint, p256dh: en.keys.p256dh, auth: en.keys.auth, language: 'en', municipality: 'beverwijk' }, now)
    await followItems(testDb.database.db, 'push-key-nl', [itemId])
    await followItems(testDb.database.db, 'push-key-en', [itemId])

    const official = await signIn(app, 'official@beverwijk.nl')
    const res = await app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: official.headers, payload: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } })
    expect(res.statusCode).toBe(201)
    await app.push!.worker.drain()
    expect(service.faults).toEqual([])
    const got = Object.fromEntries(service.received.map((r) => [r.subscriptionId, r.payload as Record<string, string>]))
    expect(got[nl.id]).toMatchObject({ type: 'feedback', itemId, title: 'Mogen jongeren meepraten?', url: `/items/${itemId}`, municipality: 'Beverwijk', language: 'nl', body: 'Gemeente Beverwijk laat weten wat er met de inbreng is gedaan.' })
    expect(got[en.id]).toMatchObject({ language: 'en', body: 'Beverwijk municipality says what was done with the input.' })
    expect(service.received).toHaveLength(2)
  })
})
