import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { unreadCount } from '../../../../src/client/db/inbox-repo'
import { saveInterest, saveSignup, type SignupInput } from '../../../../src/client/db/registrations-repo'
import { waitingCount } from '../../../../src/client/db/submissions-repo'
import { createApi } from '../../../../src/client/sync/api'
import { createSyncEngine, type SyncEngine } from '../../../../src/client/sync/sync-engine'
import { createLeaseLock } from '../../../../src/client/sync/web-lock'
import { withdrawRegistration } from '../../../../src/client/sync/withdraw-registration'
import { CONSENT_VERSION } from '../../../../src/shared/schemas/table'
import { createFakeClock, createFakeServer, makeTableItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
const engines: SyncEngine[] = []
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop()
  for (const db of opened.splice(0)) db.close()
})

function harness() {
  const table = makeTableItem()
  const closed = makeTableItem({ title: 'Gesloten tafel' })
  if (closed.table) closed.table = { ...closed.table, signupOpen: false }
  const server = createFakeServer({ items: [table, closed] })
  const clock = createFakeClock()
  const db = createDb(`registrations-sync-${crypto.randomUUID()}`)
  opened.push(db)
  const api = createApi({ fetch: server.fetch, baseUrl: server.baseUrl, timers: clock })
  const engine = createSyncEngine({ db, api, clock, random: () => 0.5, lock: createLeaseLock(db, { clock }), environment: {} })
  engines.push(engine)
  return { table, closed, server, clock, db, api, engine }
}

function signup(itemId: string, overrides: Partial<SignupInput> = {}): SignupInput {
  return { id: crypto.randomUUID(), itemId, name: 'Sam', contact: { channel: 'email', value: 'sam@example.nl' }, ageBand: '24-64', roles: ['resident'], consentVersion: CONSENT_VERSION, ...overrides }
}

async function fireRetry(clock: ReturnType<typeof createFakeClock>, engine: SyncEngine): Promise<void> {
  const next = engine.status.nextRetryAt
  expect(next).not.toBeNull()
  clock.advance((next ?? 0) - clock.now())
  await engine.whenIdle()
}

describe('sync-engine: sign-ups and "Benader mij"', () => {
  it('sends a sign-up and an interest to their own endpoints and marks both sent', async () => {
    const { table, server, db, engine } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    const i = await saveInterest(db, { id: crypto.randomUUID(), municipality: 'testdorp', themes: ['meedoen'], name: 'Sam', contact: { channel: 'phone', value: '0612345678' }, ageBand: '65+', consentVersion: CONSENT_VERSION })

    await engine.syncNow()
    expect((await db.registrations.get(s.id))?.state).toBe('sent')
    expect((await db.registrations.get(i.id))?.state).toBe('sent')
    expect(await db.outbox.count()).toBe(0)
    expect(server.registrations.get(s.id)?.kind).toBe('signup')
    expect(server.registrations.get(i.id)?.kind).toBe('interest')
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(['/api/table-signups', '/api/interests'])
  })

  it('offline, then online: the sign-up waits, is retried with backoff and stored exactly once', async () => {
    const { table, server, clock, db, engine } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    server.failNext('signups', { kind: 'drop-before' }, { kind: 'drop-after' })

    await engine.syncNow()
    expect(engine.status.lastError?.kind).toBe('network')
    expect((await db.registrations.get(s.id))?.state).toBe('saved')
    expect(await waitingCount(db)).toBe(1)

    // The server stores it, but the answer is lost: the next try must end as a duplicate, not a second copy.
    await fireRetry(clock, engine)
    expect((await db.registrations.get(s.id))?.state).toBe('saved')
    await fireRetry(clock, engine)
    expect((await db.registrations.get(s.id))?.state).toBe('sent')
    expect(server.registrationLog).toEqual([`${s.id}@1`])
    expect(await waitingCount(db)).toBe(0)
  })

  it('retries on 5xx and on a captive portal, never parks for them', async () => {
    const { table, server, clock, db, engine } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    server.failNext('signups', { kind: 'status', status: 503 }, { kind: 'html' })
    await engine.syncNow()
    await fireRetry(clock, engine)
    expect((await db.outbox.toArray())[0]?.parked).toBeUndefined()
    await fireRetry(clock, engine)
    expect((await db.registrations.get(s.id))?.state).toBe('sent')
  })

  it('parks a rejected sign-up with its reason and never sends it again', async () => {
    const { closed, table, server, db, engine } = harness()
    const rejected = await saveSignup(db, signup(closed.id), 'testdorp')
    const good = await saveSignup(db, signup(table.id), 'testdorp')

    await engine.syncNow()
    expect(await db.registrations.get(rejected.id)).toMatchObject({ state: 'rejected', reason: 'signup_closed' })
    expect((await db.registrations.get(good.id))?.state).toBe('sent')
    expect((await db.outbox.toArray()).map((e) => e.parked?.reason)).toEqual(['signup_closed'])
    expect(await waitingCount(db)).toBe(0)

    const posts = server.receiveLog.length
    await engine.syncNow()
    expect(server.receiveLog.length).toBe(posts)
  })

  it('sends at most 50 sign-ups per request', async () => {
    const { table, server, db, engine } = harness()
    for (let n = 0; n < 120; n++) await saveSignup(db, signup(table.id), 'testdorp')
    await engine.syncNow()
    expect(server.receiveLog.map((batch) => batch.ids.length)).toEqual([50, 50, 20])
    expect(await db.registrations.where('state').equals('sent').count()).toBe(120)
  })

  it('a change made while the older revision is on the wire stays queued and is sent next', async () => {
    const { table, server, db, engine } = harness()
    const first = signup(table.id)
    await saveSignup(db, first, 'testdorp')
    let changed = false
    // Change the sign-up after the server stored revision 1 but before the phone hears back.
    const originalFetch = server.fetch
    const api = createApi({
      fetch: async (input, init) => {
        const response = await originalFetch(input, init)
        if (!changed && String(input).endsWith('/api/table-signups')) {
          changed = true
          await saveSignup(db, { ...first, name: 'Samira' }, 'testdorp')
        }
        return response
      },
      baseUrl: server.baseUrl,
    })
    const clock = createFakeClock()
    const engine2 = createSyncEngine({ db, api, clock, random: () => 0.5, lock: createLeaseLock(db, { clock }), environment: {} })
    engines.push(engine2)
    engine.stop()

    await engine2.syncNow()
    expect(server.registrationLog).toEqual([`${first.id}@1`, `${first.id}@2`])
    expect(await db.registrations.get(first.id)).toMatchObject({ revision: 2, state: 'sent', name: 'Samira' })
    expect(await db.outbox.count()).toBe(0)
  })

  it('refreshes server statuses and pulls table news, which counts on the badge', async () => {
    const { table, server, db, engine } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    await engine.syncNow()
    await engine.whenIdle()
    expect((await db.registrations.get(s.id))?.serverStatus).toBe('eligible')

    server.setSignupStatus(s.id, 'selected')
    server.publishTableNews(table.id, 'selected', '2030-02-02T10:00:00.000Z')
    await engine.syncNow()
    await engine.whenIdle()
    expect((await db.registrations.get(s.id))?.serverStatus).toBe('selected')
    expect(await db.inbox.toArray()).toMatchObject([{ kind: 'table', status: 'selected', itemId: table.id }])
    expect(await unreadCount(db)).toBe(1)
  })

  it('withdrawing needs the network: offline nothing changes; online the contact details go, here and there', async () => {
    const { table, server, db, engine, api } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    await engine.syncNow()
    const record = await db.registrations.get(s.id)
    if (!record) throw new Error('missing')

    expect(await withdrawRegistration(db, record, { api, online: false, syncNow: () => engine.syncNow() })).toBe('offline')
    expect((await db.registrations.get(s.id))?.name).toBe('Sam')

    expect(await withdrawRegistration(db, record, { api, online: true, syncNow: () => engine.syncNow() })).toBe('withdrawn')
    expect(server.registrations.get(s.id)?.status).toBe('withdrawn')
    const after = await db.registrations.get(s.id)
    expect(after).toMatchObject({ serverStatus: 'withdrawn' })
    expect(after?.name).toBeUndefined()
    expect(after?.contact).toBeUndefined()
  })

  it('withdrawing a sign-up still queued sends it first, so it cannot arrive after the withdrawal', async () => {
    const { table, server, db, engine, api } = harness()
    const s = await saveSignup(db, signup(table.id), 'testdorp')
    expect(await withdrawRegistration(db, s, { api, online: true, syncNow: () => engine.syncNow() })).toBe('withdrawn')
    expect(server.registrationLog).toEqual([`${s.id}@1`])
    expect(server.registrations.get(s.id)?.status).toBe('withdrawn')
    expect(await db.outbox.count()).toBe(0)
  })
})
