import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type LocalSubmission, type MeepraatDb, type OutboxEntry } from '../../../../src/client/db/db'
import { getInboxCursor, inboxForItem, markItemRead, unreadCount } from '../../../../src/client/db/inbox-repo'
import { itemById } from '../../../../src/client/db/items-repo'
import { getDeviceId, getItemsCursor, setMunicipality } from '../../../../src/client/db/meta-repo'
import { saveAnswer, waitingCount } from '../../../../src/client/db/submissions-repo'
import { createApi, type Api } from '../../../../src/client/sync/api'
import { STRIKES_BEFORE_ASIDE } from '../../../../src/client/sync/outbox'
import { ASIDE_BASE_MS, MAX_FAILED_REQUESTS_PER_RUN } from '../../../../src/client/sync/outbox/step-aside'
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  createSyncEngine,
  type SyncEngine,
  type SyncEnvironment,
} from '../../../../src/client/sync/sync-engine'
import { createLeaseLock, createWebLock, DEFAULT_LEASE_MS, type UploadLock } from '../../../../src/client/sync/web-lock'
import {
  createFakeClock,
  createFakeLockManager,
  createFakeServer,
  makeItem,
  until,
  type FakeClock,
  type FakeServer,
} from '../../../support/fake-server'

const opened: MeepraatDb[] = []
const engines: SyncEngine[] = []
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop()
  for (const db of opened.splice(0)) db.close()
})

interface EngineOptions {
  api?: Pick<Api, 'postSubmissions' | 'getItems'>
  lock?: UploadLock
  random?: () => number
  environment?: SyncEnvironment
}

/** One fake server and clock, and any number of "tabs" (db connection + engine) on one database. */
function harness() {
  const item = makeItem()
  const server = createFakeServer({ items: [item] })
  const clock = createFakeClock()
  const name = `sync-${crypto.randomUUID()}`
  function openDb(): MeepraatDb {
    const db = createDb(name)
    opened.push(db)
    return db
  }
  function apiFor(apiClock: FakeClock = clock) {
    return createApi({ fetch: server.fetch, baseUrl: server.baseUrl, timers: apiClock })
  }
  function tab(options: EngineOptions = {}): { db: MeepraatDb; engine: SyncEngine } {
    const db = openDb()
    const engine = createSyncEngine({
      db,
      api: options.api ?? apiFor(),
      clock,
      random: options.random ?? (() => 0.5),
      lock: options.lock ?? createLeaseLock(db, { clock }),
      environment: options.environment ?? {},
    })
    engines.push(engine)
    return { db, engine }
  }
  return { item, server, clock, tab, apiFor, openDb }
}

/** Queues `count` answers directly (one transaction), as a phone that was offline for a while would have. */
async function seedAnswers(db: MeepraatDb, itemId: string, count: number): Promise<string[]> {
  const deviceId = await getDeviceId(db)
  const submissions: LocalSubmission[] = []
  const entries: OutboxEntry[] = []
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID()
    const answeredAt = new Date(Date.parse('2025-06-01T10:00:00.000Z') + i * 1000).toISOString()
    const answers = { q1: 'a' }
    submissions.push({ id, itemId, municipality: 'testdorp', answeredAt, answers, state: 'saved' })
    entries.push({ type: 'submission', key: id, createdAt: answeredAt, attempts: 0, payload: { id, itemId, deviceId, answeredAt, answers } })
  }
  await db.transaction('rw', db.submissions, db.outbox, async () => {
    await db.submissions.bulkAdd(submissions)
    await db.outbox.bulkAdd(entries)
  })
  return submissions.map((s) => s.id)
}

/** Fires the pending backoff timer and waits for the run it starts. */
async function fireRetry(clock: FakeClock, engine: SyncEngine): Promise<void> {
  const next = engine.status.nextRetryAt
  expect(next).not.toBeNull()
  clock.advance((next ?? 0) - clock.now())
  await engine.whenIdle()
}

function expectEachReceivedOnce(server: FakeServer, ids: string[]): void {
  const counts = server.receiveCounts()
  expect(counts.size).toBe(ids.length)
  expect([...counts.values()].every((n) => n === 1)).toBe(true)
}

async function states(db: MeepraatDb): Promise<string[]> {
  return [...new Set((await db.submissions.toArray()).map((s) => s.state))]
}

describe('sync-engine', () => {
  it('sends a saved answer and marks it sent', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    await engine.syncNow()
    expect(await db.submissions.get(saved.id)).toMatchObject({ state: 'sent', sentAt: expect.any(String) })
    expect(await db.outbox.count()).toBe(0)
    expect(server.stored.has(saved.id)).toBe(true)
    expect(engine.status).toMatchObject({ failures: 0, lastError: null, nextRetryAt: null })
  })

  it('keeps the entry when the connection drops before the request, retries later and it is sent once', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'drop-before' })

    await engine.syncNow()
    expect(engine.status.lastError?.kind).toBe('network')
    expect(await waitingCount(db)).toBe(1)
    expect(server.receiveLog).toHaveLength(0)

    await fireRetry(clock, engine)
    expect(await waitingCount(db)).toBe(0)
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
    expectEachReceivedOnce(server, [saved.id])
    expect(engine.status.lastError).toBeNull()
  })

  it('ends as sent when the connection drops after the server committed: the retry answers duplicate and the server holds one', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'drop-after' })

    await engine.syncNow()
    expect(server.stored.size).toBe(1)
    expect(await waitingCount(db)).toBe(1)
    expect((await db.submissions.get(saved.id))?.state).toBe('saved')

    await fireRetry(clock, engine)
    expect(server.receiveLog).toHaveLength(2)
    expect(server.acceptLog).toEqual([saved.id])
    expect(server.stored.size).toBe(1)
    expect(await db.outbox.count()).toBe(0)
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
  })

  it('retries after a 500 and keeps everything meanwhile', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'status', status: 500 })
    await engine.syncNow()
    expect(engine.status.lastError?.kind).toBe('server')
    expect(await waitingCount(db)).toBe(1)
    await fireRetry(clock, engine)
    expect(await waitingCount(db)).toBe(0)
    expect(server.stored.size).toBe(1)
  })

  it('retries after a 429, waiting at least as long as Retry-After asks', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', {
      kind: 'status',
      status: 429,
      body: { error: { code: 'rate_limited', message: 'Slow down' } },
      headers: { 'retry-after': '30' },
    })
    await engine.syncNow()
    expect(engine.status.lastError?.kind).toBe('server')
    expect((engine.status.nextRetryAt ?? 0) - clock.now()).toBe(30_000)
    await fireRetry(clock, engine)
    expect(await waitingCount(db)).toBe(0)
  })

  it('treats a request that times out as a network failure and retries it', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'hang' })
    const run = engine.syncNow()
    await until(() => clock.pendingDelays().includes(15_000))
    clock.advance(15_000)
    await run
    expect(engine.status.lastError).toMatchObject({ kind: 'network', message: expect.stringContaining('15000') })
    expect(await waitingCount(db)).toBe(1)
    await fireRetry(clock, engine)
    expect(await waitingCount(db)).toBe(0)
    expect(server.stored.size).toBe(1)
  })

  it('keeps and retries entries when a captive portal answers with HTML', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'html' })
    await engine.syncNow()
    expect(engine.status.lastError?.kind).toBe('server')
    expect((await db.outbox.toArray()).map((e) => [e.key, e.parked])).toEqual([[saved.id, undefined]])
    await fireRetry(clock, engine)
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
  })

  it('sends the accepted part of a mixed batch and parks the rejected part with its reason, never retrying it', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const closedItem = makeItem()
    server.putItem({ ...closedItem, status: 'closed' })
    const unknownItem = makeItem()
    const good = await saveAnswer(db, { item, answers: { q1: 'a' } })
    const closed = await saveAnswer(db, { item: closedItem, answers: { q1: 'a' } })
    const unknown = await saveAnswer(db, { item: unknownItem, answers: { q1: 'b' } })
    const later = await saveAnswer(db, { item: makeItem({ id: item.id }), answers: { q1: 'b' } })

    await engine.syncNow()
    expect(await db.submissions.get(good.id)).toMatchObject({ state: 'sent' })
    expect(await db.submissions.get(later.id)).toMatchObject({ state: 'sent' })
    expect(await db.submissions.get(closed.id)).toMatchObject({ state: 'rejected', reason: 'item_closed' })
    expect(await db.submissions.get(unknown.id)).toMatchObject({ state: 'rejected', reason: 'item_unknown' })
    expect((await db.outbox.toArray()).map((e) => [e.key, e.parked?.reason])).toEqual([
      [closed.id, 'item_closed'],
      [unknown.id, 'item_unknown'],
    ])
    expect(await waitingCount(db)).toBe(0)
    expect(engine.status.lastError).toBeNull()

    await engine.syncNow()
    await engine.syncNow()
    expect(server.receiveLog).toHaveLength(1)
    expectEachReceivedOnce(server, [good.id, closed.id, unknown.id, later.id])
  })

  it('sends 600 entries as a batch of 500 and then 100, in order', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 600)
    await engine.syncNow()
    expect(server.receiveLog.map((b) => b.ids.length)).toEqual([500, 100])
    expect(server.receiveLog.flatMap((b) => b.ids)).toEqual(ids)
    expect(await db.outbox.count()).toBe(0)
    expect(await states(db)).toEqual(['sent'])
  })

  it('parks entries our API refuses with a 4xx as bad_request, splitting the batch so good ones still go', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 5)
    // A payload the server's schema refuses (as from an old client bug) makes the whole batch 400.
    const broken = ids[2] ?? ''
    await db.outbox.where('key').equals(broken).modify((entry) => {
      entry.payload.deviceId = 'short'
    })
    await engine.syncNow()
    expect(await db.submissions.get(broken)).toMatchObject({ state: 'rejected', reason: 'bad_request' })
    expect((await db.outbox.toArray()).map((e) => [e.key, e.parked?.reason])).toEqual([[broken, 'bad_request']])
    expect(server.stored.size).toBe(4)
    expect(engine.status.lastError).toBeNull()
  })

  it('parks a whole batch the server refuses outright, and never retries it', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await seedAnswers(db, item.id, 2)
    const refusal = { kind: 'status', status: 400, body: { error: { code: 'bad_request', message: 'No' } } } as const
    server.failNext('submissions', refusal, refusal, refusal)
    await engine.syncNow()
    expect(await states(db)).toEqual(['rejected'])
    expect(await waitingCount(db)).toBe(0)
    const requestsSoFar = server.requests.length
    await engine.syncNow()
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
    expect(server.requests.length - requestsSoFar).toBe(0)
  })

  it('lets a new engine on the same db finish the job after a reload mid-sync; the server holds one copy each', async () => {
    const { item, server, clock, tab, apiFor } = harness()
    // The old page's requests run on a clock that never moves: the page is gone, nothing of it fires.
    const before = tab({ api: apiFor(createFakeClock()) })
    const ids = await seedAnswers(before.db, item.id, 600)
    server.failNext('submissions', { kind: 'hang-after-commit' })
    void before.engine.syncNow()
    await until(() => server.receiveLog.length === 1)
    before.engine.stop()
    before.db.close()

    const after = tab()
    await after.engine.syncNow()
    // The old page's lease has not expired yet: the new one must not post alongside it.
    expect(server.receiveLog).toHaveLength(1)
    clock.advance(DEFAULT_LEASE_MS)
    await after.engine.whenIdle()
    expect(after.engine.status).toMatchObject({ lastError: null, nextRetryAt: null })

    expect(server.stored.size).toBe(600)
    expect(server.acceptLog).toHaveLength(600)
    expect(new Set(server.acceptLog).size).toBe(600)
    expect(server.receiveLog.map((b) => b.ids.length)).toEqual([500, 500, 100])
    expect(await after.db.outbox.count()).toBe(0)
    expect(await states(after.db)).toEqual(['sent'])
    expect((await after.db.submissions.toArray()).map((s) => s.id).sort()).toEqual([...ids].sort())
  })

  it('lets two engines racing on one db (lease fallback) post each id to the server once', async () => {
    const { item, server, clock, tab } = harness()
    const a = tab()
    const b = tab()
    const ids = await seedAnswers(a.db, item.id, 600)
    // Hold every answer back a few turns, so both engines are certainly busy at the same time.
    server.setBeforeAnswer(async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    })
    await Promise.all([a.engine.syncNow(), b.engine.syncNow(), a.engine.syncNow(), b.engine.syncNow()])
    clock.advance(BACKOFF_MAX_MS)
    await Promise.all([a.engine.whenIdle(), b.engine.whenIdle()])

    expectEachReceivedOnce(server, ids)
    expect(server.stored.size).toBe(600)
    expect(await a.db.outbox.count()).toBe(0)
    expect(await states(b.db)).toEqual(['sent'])
  })

  it('lets two engines racing on one db (Web Locks) post each id to the server once', async () => {
    const { item, server, clock, tab } = harness()
    const locks = createFakeLockManager()
    const a = tab({ lock: createWebLock(locks) })
    const b = tab({ lock: createWebLock(locks) })
    const ids = await seedAnswers(a.db, item.id, 600)
    server.setBeforeAnswer(async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    })
    await Promise.all([a.engine.syncNow(), b.engine.syncNow()])
    clock.advance(BACKOFF_MAX_MS)
    await Promise.all([a.engine.whenIdle(), b.engine.whenIdle()])

    expectEachReceivedOnce(server, ids)
    expect(await a.db.outbox.count()).toBe(0)
  })

  it('grows the backoff from about 1 s, caps it at 5 min with jitter, and resets it after success', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab({ random: () => 0.5 })
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    const delays: number[] = []
    for (let i = 0; i < 12; i++) server.failNext('submissions', { kind: 'status', status: 503 })
    await engine.syncNow()
    for (let i = 0; i < 12; i++) {
      delays.push((engine.status.nextRetryAt ?? 0) - clock.now())
      await fireRetry(clock, engine)
    }
    // random() = 0.5 sits at three quarters of each ceiling: 1 s, 2 s, 4 s ... capped at 5 min.
    expect(delays).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000, 225_000])
    expect(engine.status).toMatchObject({ failures: 0, nextRetryAt: null, lastError: null })
    expect(await waitingCount(db)).toBe(0)

    await saveAnswer(db, { item, answers: { q1: 'b' } })
    server.failNext('submissions', { kind: 'drop-before' })
    await engine.syncNow()
    expect((engine.status.nextRetryAt ?? 0) - clock.now()).toBe(750)
  })

  it('spreads retries with jitter between half and all of the capped delay', () => {
    expect(backoffDelay(1, () => 0)).toBe(500)
    expect(backoffDelay(1, () => 0.999_999)).toBe(1000)
    expect(backoffDelay(4, () => 0)).toBe(4000)
    for (let failures = 1; failures < 40; failures++) {
      for (const r of [0, 0.3, 0.999_999]) {
        const delay = backoffDelay(failures, () => r)
        expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS)
        expect(delay).toBeGreaterThanOrEqual(Math.min(BACKOFF_MAX_MS, 1000 * 2 ** (failures - 1)) / 2)
      }
    }
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2)
    expect(backoffDelay(30, () => 0.999_999)).toBe(BACKOFF_MAX_MS)
  })

  it('never expires unsent entries, however long the server stays down', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    for (let i = 0; i < 50; i++) server.failNext('submissions', { kind: 'status', status: 500 })
    await engine.syncNow()
    for (let i = 0; i < 49; i++) await fireRetry(clock, engine)
    expect((await db.outbox.toArray()).map((e) => [e.key, e.parked, e.attempts])).toEqual([[saved.id, undefined, 50]])
    await fireRetry(clock, engine)
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
  })

  it('pulls item changes for the chosen municipality after draining and keeps the cursor', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await setMunicipality(db, 'testdorp')
    await engine.syncNow()
    expect(await itemById(db, item.id)).toEqual(item)
    const cursor = await getItemsCursor(db, 'testdorp')
    expect(cursor).toBeDefined()

    const added = makeItem()
    server.putItem(added)
    await engine.syncNow()
    // The last items request (the municipality's profile is fetched beside the run, in any order).
    expect(server.requests.filter((r) => new URL(r.url).pathname === '/api/items').at(-1)?.url).toContain(`since=${cursor}`)
    expect(await itemById(db, added.id)).toEqual(added)
    expect(await getItemsCursor(db, 'testdorp')).not.toBe(cursor)
  })

  it('drains on start, on online, on becoming visible, on a service-worker sync message and on requestDrain', async () => {
    const { item, server, tab } = harness()
    const win = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
    const worker = new EventTarget()
    const { db, engine } = tab({ environment: { window: win, document: doc, serviceWorker: worker } })
    const posts = () => server.requests.filter((r) => r.method === 'POST').length
    const queueAndTrigger = async (trigger: () => void, expected: number) => {
      // Written straight into the outbox: saving through the repo is a trigger of its own (below).
      await seedAnswers(db, item.id, 1)
      trigger()
      await engine.whenIdle()
      expect(posts()).toBe(expected)
    }
    await queueAndTrigger(() => engine.start(), 1)
    await queueAndTrigger(() => win.dispatchEvent(new Event('online')), 2)
    await queueAndTrigger(() => doc.dispatchEvent(new Event('visibilitychange')), 3)
    await queueAndTrigger(() => worker.dispatchEvent(new MessageEvent('message', { data: { type: 'sync' } })), 4)
    await queueAndTrigger(() => engine.requestDrain(), 5)
    expect(await waitingCount(db)).toBe(0)
  })

  it('drains after an entry is queued on its own database, not after one queued on another', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const other = createDb(`other-${crypto.randomUUID()}`)
    opened.push(other)
    engine.start()
    await engine.whenIdle()
    const posts = () => server.requests.filter((r) => r.method === 'POST').length

    await saveAnswer(other, { item, answers: { q1: 'a' } })
    await engine.whenIdle()
    expect(posts()).toBe(0)

    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    await until(() => posts() === 1)
    await engine.whenIdle()
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
  })

  it('stop() removes every listener and timer', async () => {
    const { item, server, clock, tab } = harness()
    const listening = new Map<string, number>()
    const counted = (): EventTarget => {
      const target = new EventTarget()
      const add = target.addEventListener.bind(target)
      const remove = target.removeEventListener.bind(target)
      target.addEventListener = (type, listener, options) => {
        listening.set(type, (listening.get(type) ?? 0) + 1)
        add(type, listener, options)
      }
      target.removeEventListener = (type, listener, options) => {
        listening.set(type, (listening.get(type) ?? 0) - 1)
        remove(type, listener, options)
      }
      return target
    }
    const win = counted()
    const doc = Object.assign(counted(), { visibilityState: 'visible' as DocumentVisibilityState })
    const worker = counted()
    const { db, engine } = tab({ environment: { window: win, document: doc, serviceWorker: worker } })
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('submissions', { kind: 'drop-before' })
    engine.start()
    await engine.whenIdle()
    expect(Object.fromEntries(listening)).toEqual({ online: 1, visibilitychange: 1, message: 1 })
    expect(clock.pendingDelays()).toHaveLength(1)

    engine.stop()
    expect(Object.fromEntries(listening)).toEqual({ online: 0, visibilitychange: 0, message: 0 })
    expect(clock.pendingDelays()).toHaveLength(0)
    win.dispatchEvent(new Event('online'))
    doc.dispatchEvent(new Event('visibilitychange'))
    clock.advance(BACKOFF_MAX_MS)
    await engine.whenIdle()
    expect(server.requests).toHaveLength(1)
  })
})

describe('sync-engine: an entry that keeps failing steps aside', () => {
  const outboxState = async (db: MeepraatDb) =>
    (await db.outbox.toArray()).map((e) => ({ key: e.key, parked: e.parked, strikes: e.strikes ?? 0, aside: e.aside?.reason }))

  it('sends the other entries of a batch that fails with 500 because of one poison entry', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 9)
    const poison = ids[4] ?? ''
    server.setPoison((submission) => submission.id === poison)
    await engine.syncNow()
    expect([...server.stored.keys()].sort()).toEqual(ids.filter((id) => id !== poison).sort())
    expect(await states(db)).toEqual(expect.arrayContaining(['sent', 'saved']))
    expect(await db.submissions.get(poison)).toMatchObject({ state: 'saved' })
    expect(await outboxState(db)).toEqual([{ key: poison, parked: undefined, strikes: 1, aside: undefined }])
    // The run still counts as failed, so the poison entry is retried on the backoff timer.
    expect(engine.status.nextRetryAt).not.toBeNull()
  })

  it('sets a poison entry aside after a bounded number of tries, shows it as stuck, lets new answers go first and still retries it', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 3)
    const poison = ids[0] ?? ''
    server.setPoison((submission) => submission.id === poison)
    await engine.syncNow()
    for (let tries = 1; tries < STRIKES_BEFORE_ASIDE; tries++) await fireRetry(clock, engine)

    expect(server.stored.size).toBe(2)
    expect(await outboxState(db)).toEqual([{ key: poison, parked: undefined, strikes: STRIKES_BEFORE_ASIDE, aside: 'server_error' }])
    expect(await db.submissions.get(poison)).toMatchObject({ state: 'stuck', reason: 'server_error' })
    // Still waiting, never dropped; the run itself is fine again.
    expect(await waitingCount(db)).toBe(1)
    expect(engine.status.lastError).toBeNull()
    const asideFor = (engine.status.nextRetryAt ?? 0) - clock.now()
    // Longer than the run backoff: at least half a minute (with jitter).
    expect(asideFor).toBeGreaterThanOrEqual(ASIDE_BASE_MS / 2)

    // A new answer goes out at once, in a request of its own, without the stuck entry.
    const before = server.receiveLog.length
    const fresh = await saveAnswer(db, { item: makeItem({ id: item.id }), answers: { q1: 'b' } })
    await engine.syncNow()
    expect(server.receiveLog.slice(before)).toEqual([{ ids: [fresh.id] }])
    expect((await db.submissions.get(fresh.id))?.state).toBe('sent')

    // Later the stuck entry is tried again, alone, and waits longer after another failure.
    await fireRetry(clock, engine)
    expect(server.receiveLog.at(-1)).toEqual({ ids: [poison] })
    expect(await outboxState(db)).toEqual([{ key: poison, parked: undefined, strikes: STRIKES_BEFORE_ASIDE + 1, aside: 'server_error' }])
    expect((engine.status.nextRetryAt ?? 0) - clock.now()).toBeGreaterThan(asideFor)

    // Once the server copes with it, it is sent like any other answer.
    server.setPoison(undefined)
    await fireRetry(clock, engine)
    expect(await db.outbox.count()).toBe(0)
    const sent = await db.submissions.get(poison)
    expect(sent).toMatchObject({ state: 'sent' })
    expect(sent?.reason).toBeUndefined()
  })

  it('keeps a stuck entry behind the others after a reload: a new engine sends the rest first', async () => {
    const { item, server, clock, tab } = harness()
    const first = tab()
    const [poison = ''] = await seedAnswers(first.db, item.id, 1)
    server.setPoison((submission) => submission.id === poison)
    await first.engine.syncNow()
    for (let tries = 1; tries < STRIKES_BEFORE_ASIDE; tries++) await fireRetry(clock, first.engine)
    first.engine.stop()
    const later = tab()
    const others = await seedAnswers(later.db, item.id, 2)
    const before = server.receiveLog.length
    await later.engine.syncNow()
    expect(server.receiveLog.slice(before)).toEqual([{ ids: others }])
    expect((await later.db.submissions.get(poison))?.state).toBe('stuck')
  })

  it('sets aside an entry whose requests keep dropping while other answers get through', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 4)
    const poison = ids[1] ?? ''
    server.setPoison((submission) => submission.id === poison, 'drop')
    await engine.syncNow()
    expect(server.stored.size).toBe(3)
    for (let tries = 1; tries < STRIKES_BEFORE_ASIDE; tries++) {
      // Each try the others prove the connection works: a new answer comes with each.
      await seedAnswers(db, item.id, 1)
      await fireRetry(clock, engine)
    }
    expect(server.stored.size).toBe(3 + STRIKES_BEFORE_ASIDE - 1)
    expect(await outboxState(db)).toEqual([{ key: poison, parked: undefined, strikes: STRIKES_BEFORE_ASIDE, aside: 'no_connection' }])
    expect(await db.submissions.get(poison)).toMatchObject({ state: 'stuck', reason: 'no_connection' })
  })

  it('never sets anything aside while the phone is simply offline, and sends it all when back', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    await seedAnswers(db, item.id, 30)
    server.setOffline(true)
    await engine.syncNow()
    for (let i = 0; i < 10; i++) await fireRetry(clock, engine)
    expect((await outboxState(db)).every((e) => e.strikes === 0 && e.aside === undefined && e.parked === undefined)).toBe(true)
    expect(await states(db)).toEqual(['saved'])
    // Each run gives up after a bounded number of requests, however many entries wait.
    expect(server.requests.length).toBeLessThanOrEqual(11 * MAX_FAILED_REQUESTS_PER_RUN)
    server.setOffline(false)
    await fireRetry(clock, engine)
    expect(server.stored.size).toBe(30)
    expect(await states(db)).toEqual(['sent'])
  })

  it('never sets anything aside while the whole server answers 500 to everyone', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    await seedAnswers(db, item.id, 30)
    server.setPoison(() => true)
    await engine.syncNow()
    for (let i = 0; i < 6; i++) await fireRetry(clock, engine)
    expect((await outboxState(db)).every((e) => e.strikes === 0 && e.aside === undefined && e.parked === undefined)).toBe(true)
    const posts = server.requests.filter((r) => r.method === 'POST').length
    expect(posts).toBeLessThanOrEqual(7 * MAX_FAILED_REQUESTS_PER_RUN)
    server.setPoison(undefined)
    await fireRetry(clock, engine)
    expect(server.stored.size).toBe(30)
    expect(await states(db)).toEqual(['sent'])
  })

  it.each([
    [404, { error: { code: 'not_found', message: 'Route POST:/api/submissions not found' } }],
    [405, { error: { code: 'bad_request', message: 'Method not allowed' } }],
    [408, { error: { code: 'bad_request', message: 'Request timeout' } }],
  ])('keeps entries queued when the route answers %i (an older deploy, a wrong proxy route) and sends them later', async (status, body) => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const ids = await seedAnswers(db, item.id, 4)
    server.failNext('submissions', ...Array.from({ length: 10 }, () => ({ kind: 'status' as const, status, body })))
    await engine.syncNow()
    // Retried as a whole later: one request, nothing split, nothing parked.
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(await outboxState(db)).toEqual(ids.map((key) => ({ key, parked: undefined, strikes: 0, aside: undefined })))
    expect(await states(db)).toEqual(['saved'])
    expect(engine.status.nextRetryAt).not.toBeNull()
    server.failNext('submissions')
    for (let i = 0; i < 10; i++) {
      if ((await waitingCount(db)) === 0) break
      await fireRetry(clock, engine)
    }
    expect(await states(db)).toEqual(['sent'])
    expect(server.stored.size).toBe(4)
  })

  it('still parks an entry the server refuses for its own content with 422', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    const [id = ''] = await seedAnswers(db, item.id, 1)
    server.failNext('submissions', { kind: 'status', status: 422, body: { error: { code: 'bad_request', message: 'Invalid text' } } })
    await engine.syncNow()
    expect(await db.submissions.get(id)).toMatchObject({ state: 'rejected', reason: 'bad_request' })
  })
})

describe('sync-engine: inbox pull', () => {
  const aFeedback = (publishedAt = '2025-06-02T10:00:00.000Z') => ({
    id: crypto.randomUUID(),
    publishedAt,
    outcome: 'adopted' as const,
    summary: 'We leggen het skatepark aan.',
  })

  it('pulls the inbox after sending and pulling items, and keeps its cursor for the next sync', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await setMunicipality(db, 'testdorp')
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    await engine.syncNow()
    await engine.whenIdle()
    const paths = server.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)
    // The profile pull runs beside the inbox pull too: compare without it (pulls.test.ts covers it).
    expect(paths.filter((p) => p !== 'GET /api/municipalities/testdorp')).toEqual(['POST /api/submissions', 'GET /api/items', 'GET /api/me/inbox'])
    expect(server.requests.filter((r) => new URL(r.url).pathname === '/api/me/inbox').at(-1)?.authorization).toBe(`Device ${await getDeviceId(db)}`)
    const cursor = await getInboxCursor(db)
    expect(cursor).toBe('0')

    const published = server.publishFeedback(item.id, aFeedback())
    await engine.syncNow()
    await engine.whenIdle()
    expect(server.requests.at(-1)?.url).toContain(`inbox?since=${cursor}`)
    expect((await inboxForItem(db, item.id)).map((e) => e.id)).toEqual([published.id])
    expect(await unreadCount(db)).toBe(1)
    expect(await getInboxCursor(db)).toBe('1')
  })

  it('does not ask for the inbox before the server holds an answer of this device', async () => {
    const { server, tab } = harness()
    const { db, engine } = tab()
    await setMunicipality(db, 'testdorp')
    await engine.syncNow()
    await engine.whenIdle()
    expect(server.requests.some((r) => r.url.includes('/inbox'))).toBe(false)
  })

  it('a failing inbox does not fail the sync: answers are sent, no backoff, and the next sync catches up', async () => {
    const { item, server, clock, tab } = harness()
    const { db, engine } = tab()
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.publishFeedback(item.id, aFeedback())
    server.failNext('inbox', { kind: 'status', status: 500 }, { kind: 'drop-before' })
    await engine.syncNow()
    await engine.whenIdle()
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
    expect(engine.status).toMatchObject({ failures: 0, lastError: null, nextRetryAt: null })
    expect(clock.pendingDelays()).toHaveLength(0)
    expect(await getInboxCursor(db)).toBeUndefined()

    await engine.syncNow()
    await engine.whenIdle()
    expect(await unreadCount(db)).toBe(0)
    await engine.syncNow()
    await engine.whenIdle()
    expect(await unreadCount(db)).toBe(1)
  })

  it('a hanging inbox request never holds up sending a new answer', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.failNext('inbox', { kind: 'hang' })
    await engine.syncNow()
    const second = await saveAnswer(db, { item, answers: { q1: 'b' } })
    // The first run is over while its inbox request still hangs: this run sends at once.
    await engine.syncNow()
    expect((await db.submissions.get(second.id))?.state).toBe('sent')
    expect(server.requests.filter((r) => r.url.includes('/inbox'))).toHaveLength(1)
  })

  it('sends an answer saved while the items pull hangs at once, without waiting for the pull', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await setMunicipality(db, 'testdorp')
    server.failNext('items', { kind: 'hang' })
    const run = engine.syncNow()
    await until(() => server.requests.some((r) => new URL(r.url).pathname === '/api/items'))
    const answer = await saveAnswer(db, { item, answers: { q1: 'a' } })
    engine.requestDrain()
    await until(async () => (await db.submissions.get(answer.id))?.state === 'sent')
    expect(server.receiveCounts().get(answer.id)).toBe(1)
    // The pull is still hanging: the run that started it has not finished.
    let runFinished = false
    void run.then(() => (runFinished = true))
    await Promise.resolve()
    expect(runFinished).toBe(false)
  })

  it('starts over when the server refuses the stored cursor, keeping what was read as read', async () => {
    const { item, server, tab } = harness()
    const { db, engine } = tab()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.publishFeedback(item.id, aFeedback())
    await engine.syncNow()
    await engine.whenIdle()
    await markItemRead(db, item.id)
    await db.meta.put({ key: 'inboxCursor', value: 'not-a-number' })
    await engine.syncNow()
    await engine.whenIdle()
    expect(await getInboxCursor(db)).toBe('1')
    expect(await unreadCount(db)).toBe(0)
    expect(await inboxForItem(db, item.id)).toHaveLength(1)
  })
})
