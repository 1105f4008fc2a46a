import 'fake-indexeddb/auto'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { saveSignal, supportSignalOnPhone, type SignalInput } from '../../../../src/client/db/signals-repo'
import { createApi } from '../../../../src/client/sync/api'
import { drainOutbox } from '../../../../src/client/sync/outbox'
import { createLeaseLock } from '../../../../src/client/sync/web-lock'
import { buildApp } from '../../../../src/server/app'
import { signals } from '../../../../src/server/db/schema'
import { createMemoryNotifier } from '../../../support/memory-notifier'
import { createFakeClock } from '../../../support/fake-server'
import { givenMunicipality } from '../../../support/factories'
import { createTestDatabase, type TestDatabase } from '../../../support/test-database'

/*
 * The phone's side of signals against the real server (on PGlite), reached through `inject`
 * instead of a socket: signals and "Dit herken ik" leave the outbox exactly once, and what the
 * server refuses is kept on the phone with its reason.
 */

let testDb: TestDatabase
let app: FastifyInstance
let online = true
const opened: MeepraatDb[] = []

/** `fetch` onto the real app; offline it fails the way a browser's fetch does. */
const fetchToApp: typeof fetch = async (input, init) => {
  if (!online) throw new TypeError('Failed to fetch')
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
  const res = await app.inject({ method: (init?.method ?? 'GET') as 'GET', url: url.pathname + url.search, headers: Object.fromEntries(new Headers(init?.headers).entries()), payload: init?.body as string | undefined })
  return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers: res.headers as Record<string, string> })
}

beforeAll(async () => {
  testDb = await createTestDatabase()
  app = await buildApp({ database: testDb.database, ownsDatabase: false, clock: () => new Date(), notifier: createMemoryNotifier() })
  await givenMunicipality(testDb.database.db)
  // A fresh PGlite runs every migration first (the unit project has no migrated template).
}, 120_000)
afterAll(async () => {
  await app?.close()
  await testDb?.dispose()
})
afterEach(() => {
  online = true
  for (const db of opened.splice(0)) db.close()
})

function phone(): MeepraatDb {
  const db = createDb(`signals-outbox-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}

function drain(db: MeepraatDb) {
  const clock = createFakeClock()
  const api = createApi({ fetch: fetchToApp, baseUrl: 'http://meepraat.test', timers: clock })
  return drainOutbox({ db, api, lock: createLeaseLock(db, { clock }), now: () => clock.now(), random: () => 0.5, stopped: () => false })
}

const input = (overrides: Partial<SignalInput> = {}): SignalInput => ({ municipality: 'beverwijk', kind: 'signal', title: 'Lantaarnpaal in het park doet het niet', body: 'Het is er s avonds donker.', theme: 'meedoen', ...overrides })
const storedRows = async (id: string) => (await testDb.database.db.select().from(signals).where(eq(signals.id, id))).length

describe('signals through the outbox', () => {
  it('keeps a signal saved offline on the phone and sends it exactly once when online', async () => {
    const db = phone()
    const saved = await saveSignal(db, input({ contact: { channel: 'email', value: 'jan@example.nl', name: 'Jan', consentVersion: '2026-12-signal-v1' } }))
    expect(saved).toMatchObject({ state: 'saved', wantsContact: true })
    // The phone's record keeps no contact details; only the outbox entry carries them.
    expect(JSON.stringify(await db.signals.get(saved.id))).not.toContain('jan@example.nl')
    online = false
    await expect(drain(db)).rejects.toThrow()
    expect((await db.signals.get(saved.id))?.state).toBe('saved')
    expect(await storedRows(saved.id)).toBe(0)

    online = true
    expect(await drain(db)).toBe('done')
    expect(await db.signals.get(saved.id)).toMatchObject({ state: 'sent' })
    expect(await db.outbox.count()).toBe(0)
    expect(await storedRows(saved.id)).toBe(1)
    // Nothing left to send, nothing sent twice.
    await drain(db)
    expect(await storedRows(saved.id)).toBe(1)
  })

  it('tells the resident why a signal was not accepted, and keeps it', async () => {
    const db = phone()
    const saved = await saveSignal(db, input({ theme: 'sport' }))
    expect(await drain(db)).toBe('done')
    expect(await db.signals.get(saved.id)).toMatchObject({ state: 'rejected', reason: 'theme_not_in_vocabulary' })
    expect((await db.outbox.toArray()).map((e) => e.parked?.reason)).toEqual(['theme_not_in_vocabulary'])
  })

  it('queues "Dit herken ik" once per signal, counts it once, and refuses it for good on a signal that is not published', async () => {
    const db = phone()
    const other = phone()
    const published = await saveSignal(other, input())
    const pending = await saveSignal(other, input({ title: 'Nog niet gecontroleerd' }))
    await drain(other)
    await testDb.database.db.update(signals).set({ moderation: 'published' }).where(eq(signals.id, published.id))

    await supportSignalOnPhone(db, published.id, 'beverwijk')
    await supportSignalOnPhone(db, published.id, 'beverwijk')
    await supportSignalOnPhone(db, pending.id, 'beverwijk')
    expect(await db.outbox.count()).toBe(2)
    expect(await drain(db)).toBe('done')
    expect(await db.signalSupports.get(published.id)).toMatchObject({ state: 'sent' })
    expect(await db.signalSupports.get(pending.id)).toMatchObject({ state: 'rejected', reason: 'not_found' })
    const [row] = await testDb.database.db.select({ n: signals.supportCount }).from(signals).where(eq(signals.id, published.id))
    expect(row?.n).toBe(1)
  })
})
