import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setDb } from '../../../../src/client/db/app-db'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { saveAnswer } from '../../../../src/client/db/submissions-repo'
import { useSyncStore } from '../../../../src/client/stores/sync'
import { createApi } from '../../../../src/client/sync/api'
import { createFakeClock, createFakeServer, makeItem, until } from '../../../support/fake-server'

let db: MeepraatDb
beforeEach(() => {
  db = createDb(`store-${crypto.randomUUID()}`)
  setDb(db)
  setActivePinia(createPinia())
})
afterEach(() => {
  useSyncStore().stop()
  db.close()
})

async function startStore() {
  const item = makeItem()
  const server = createFakeServer({ items: [item] })
  const clock = createFakeClock()
  const store = useSyncStore()
  const engine = store.start({
    api: createApi({ fetch: server.fetch, baseUrl: server.baseUrl, timers: clock }),
    clock,
    random: () => 0.5,
    environment: {},
  })
  // Let the drain-on-start finish, so the answer below is what triggers the next one.
  await engine.whenIdle()
  return { item, server, clock, store }
}

describe('useSyncStore', () => {
  it('counts waiting answers live and sends them as soon as they are saved', async () => {
    const { item, server, store } = await startStore()
    server.failNext('submissions', { kind: 'drop-before' })
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    await until(() => store.waiting === 1 && store.lastError?.kind === 'network' && !store.syncing)
    expect(await db.outbox.count()).toBe(1)

    await store.syncNow()
    await until(() => store.waiting === 0)
    expect(store.lastError).toBeNull()
    expect(store.lastSyncAt).not.toBeNull()
    expect(server.stored.size).toBe(1)
  })

  it('starts one engine however often start() is called', async () => {
    const { store } = await startStore()
    expect(store.start()).toBe(store.start())
  })
})
