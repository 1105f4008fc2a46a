import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { unreadCount } from '../../../../src/client/db/inbox-repo'
import { setMunicipality } from '../../../../src/client/db/meta-repo'
import { saveAnswer } from '../../../../src/client/db/submissions-repo'
import { createApi } from '../../../../src/client/sync/api'
import { pullsFor, type Pull } from '../../../../src/client/sync/pulls'
import { createSyncEngine, type SyncEngine } from '../../../../src/client/sync/sync-engine'
import { createLeaseLock } from '../../../../src/client/sync/web-lock'
import { createFakeClock, createFakeServer, makeItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
const engines: SyncEngine[] = []
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop()
  for (const db of opened.splice(0)) db.close()
})

function harness(pulls?: (api: ReturnType<typeof createApi>) => Pull[]) {
  const item = makeItem()
  const server = createFakeServer({ items: [item] })
  const clock = createFakeClock()
  const db = createDb(`pulls-${crypto.randomUUID()}`)
  opened.push(db)
  const api = createApi({ fetch: server.fetch, baseUrl: server.baseUrl, timers: clock })
  const engine = createSyncEngine({ db, api, clock, random: () => 0.5, lock: createLeaseLock(db, { clock }), environment: {}, pulls: pulls?.(api) })
  engines.push(engine)
  return { item, server, clock, db, engine }
}

/** A pull that only notes that it ran, and fails when asked to. */
function probe(name: string, mode: Pull['mode'], ran: string[], fails = false): Pull {
  return {
    name,
    mode,
    async run() {
      ran.push(name)
      if (fails) throw new Error(`${name} failed`)
    },
  }
}

describe('pulls: each on its own', () => {
  it('a failing items pull does not keep the inbox away; the run still retries on the backoff', async () => {
    const { item, server, db, engine } = harness()
    await setMunicipality(db, 'testdorp')
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    server.publishFeedback(item.id, { id: crypto.randomUUID(), publishedAt: '2025-06-02T10:00:00.000Z', outcome: 'adopted', summary: 'We doen het.' })
    server.failNext('items', { kind: 'status', status: 500 })
    await engine.syncNow()
    await engine.whenIdle()
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
    expect(engine.status.lastError?.kind).toBe('server')
    expect(engine.status.nextRetryAt).not.toBeNull()
    expect(await unreadCount(db)).toBe(1)
  })

  it('runs every pull even when others fail, fails the run only for an in-run pull, and the next drain still goes', async () => {
    const ran: string[] = []
    const { item, server, db, engine } = harness(() => [
      probe('first', 'in-run', ran, true),
      probe('second', 'in-run', ran),
      probe('beside-failing', 'beside', ran, true),
      probe('beside', 'beside', ran),
    ])
    await engine.syncNow()
    await engine.whenIdle()
    expect(ran).toEqual(['first', 'second', 'beside-failing', 'beside'])
    expect(engine.status.lastError).toMatchObject({ kind: 'local', message: 'first failed' })

    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    await engine.syncNow()
    expect((await db.submissions.get(saved.id))?.state).toBe('sent')
    expect(server.stored.has(saved.id)).toBe(true)
  })

  it('a failing pull beside the run neither fails it nor backs it off', async () => {
    const ran: string[] = []
    const { clock, engine } = harness(() => [probe('items', 'in-run', ran), probe('news', 'beside', ran, true)])
    await engine.syncNow()
    await engine.whenIdle()
    expect(ran).toEqual(['items', 'news'])
    expect(engine.status).toMatchObject({ failures: 0, lastError: null, nextRetryAt: null })
    expect(clock.pendingDelays()).toHaveLength(0)
  })

  it('leaves out the pulls the api has no endpoint for', () => {
    const getItems = () => Promise.resolve({ items: [], cursor: '0' })
    expect(pullsFor({ getItems }).map((pull) => pull.name)).toEqual(['items'])
    const full = createApi()
    expect(pullsFor(full).map((pull) => [pull.name, pull.mode])).toEqual([
      ['items', 'in-run'],
      ['signup-statuses', 'beside'],
      ['inbox', 'beside'],
      ['municipality-profile', 'beside'],
      ['push-topics', 'beside'],
    ])
  })
})
