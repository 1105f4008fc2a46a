import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { createLeaseLock, createWebLock, DEFAULT_LEASE_MS } from '../../../../src/client/sync/web-lock'
import { createFakeClock, createFakeLockManager, until } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/** Two connections to one database, like two tabs. */
function twoTabs(): [MeepraatDb, MeepraatDb] {
  const name = `lock-${crypto.randomUUID()}`
  const tabs: [MeepraatDb, MeepraatDb] = [createDb(name), createDb(name)]
  opened.push(...tabs)
  return tabs
}

describe('web-lock', () => {
  it('lets only one lease holder run at a time and frees the lease afterwards', async () => {
    const [tabA, tabB] = twoTabs()
    const clock = createFakeClock()
    const lockA = createLeaseLock(tabA, { clock })
    const lockB = createLeaseLock(tabB, { clock })
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const runA = lockA.runExclusive(() => held)
    await until(async () => (await tabB.meta.get('outboxLease')) !== undefined)
    expect(await lockB.runExclusive(async () => undefined)).toBe(false)
    release()
    expect(await runA).toBe(true)
    expect(await lockB.runExclusive(async () => undefined)).toBe(true)
  })

  it('lets another uploader take over a lease that expired (a tab that crashed or reloaded)', async () => {
    const [tabA, tabB] = twoTabs()
    const clock = createFakeClock()
    await tabA.meta.put({ key: 'outboxLease', value: { owner: 'gone', expiresAt: clock.now() + DEFAULT_LEASE_MS } })
    const lockB = createLeaseLock(tabB, { clock })
    expect(await lockB.runExclusive(async () => undefined)).toBe(false)
    clock.advance(DEFAULT_LEASE_MS + 1)
    expect(await lockB.runExclusive(async () => undefined)).toBe(true)
  })

  it('reports a lease lost to another uploader when renewing', async () => {
    const [tabA, tabB] = twoTabs()
    const clock = createFakeClock()
    const lockA = createLeaseLock(tabA, { clock })
    let stillHeldAfterTakeover: boolean | undefined
    await lockA.runExclusive(async (stillHeld) => {
      clock.advance(DEFAULT_LEASE_MS + 1)
      expect(await createLeaseLock(tabB, { clock }).runExclusive(async () => undefined)).toBe(true)
      await tabB.meta.put({ key: 'outboxLease', value: { owner: 'tab-b', expiresAt: clock.now() + 1000 } })
      stillHeldAfterTakeover = await stillHeld()
    })
    expect(stillHeldAfterTakeover).toBe(false)
  })

  it('runs under the Web Lock when free and skips when another tab holds it', async () => {
    const locks = createFakeLockManager()
    const lockA = createWebLock(locks)
    const lockB = createWebLock(locks)
    let inner: boolean | undefined
    const outer = await lockA.runExclusive(async () => {
      inner = await lockB.runExclusive(async () => undefined)
    })
    expect(outer).toBe(true)
    expect(inner).toBe(false)
  })
})
