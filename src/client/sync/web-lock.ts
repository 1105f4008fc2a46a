import { z } from 'zod'
import type { MeepraatDb } from '../db/db'

/**
 * Makes sure only one uploader (one tab, one engine) sends the outbox at a time, so two tabs
 * never post the same entries concurrently. The server would store them once anyway (the id is
 * the idempotency key); the lock saves the duplicate traffic and keeps the receive order clean.
 */
export interface UploadLock {
  /**
   * Runs `task` only when no other uploader holds the lock, and resolves `false` without
   * running it otherwise. The task calls `stillHeld()` before each request: it renews a lease
   * and says whether this uploader still owns the lock (stop when it does not).
   */
  runExclusive(task: (stillHeld: () => Promise<boolean>) => Promise<void>): Promise<boolean>
}

export const OUTBOX_LOCK_NAME = 'meepraat-outbox'

/**
 * The Web Locks API: the browser releases the lock when the tab closes or crashes, so nothing
 * can stay stuck. `ifAvailable` because a tab that finds another uploader busy should not queue
 * up behind it: the other one sends everything anyway.
 */
export function createWebLock(locks: LockManager, name = OUTBOX_LOCK_NAME): UploadLock {
  return {
    async runExclusive(task) {
      // The DOM typings wrap the callback's promise once more than the browser does.
      const ran: boolean | Promise<boolean> = await locks.request(name, { ifAvailable: true }, async (lock) => {
        if (lock === null) return false
        await task(() => Promise.resolve(true))
        return true
      })
      return ran
    },
  }
}

const LEASE_KEY = 'outboxLease'
export const DEFAULT_LEASE_MS = 30_000

const LeaseSchema = z.object({ owner: z.string(), expiresAt: z.number() })

export interface LeaseLockOptions {
  clock: { now(): number }
  /** Who holds the lease; unique per engine so a reloaded page is a new owner. */
  owner?: string
  /**
   * How long a lease lasts without renewal. Longer than one request can take (the API times out
   * at 15 s), so a live uploader always renews in time; short enough that after a crash or a
   * reload the next uploader takes over soon.
   */
  ttlMs?: number
}

/**
 * Fallback for browsers without Web Locks: a lease row in the `meta` table, claimed and renewed
 * inside a read-write transaction (IndexedDB serialises those across tabs), with an expiry so a
 * closed tab cannot keep it forever.
 */
export function createLeaseLock(db: MeepraatDb, options: LeaseLockOptions): UploadLock {
  const owner = options.owner ?? crypto.randomUUID()
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_MS

  function claim(): Promise<boolean> {
    return db.transaction('rw', db.meta, async () => {
      const now = options.clock.now()
      const lease = LeaseSchema.safeParse((await db.meta.get(LEASE_KEY))?.value)
      // A lease further away than one ttl means the clock jumped back: treat it as expired.
      const heldByOther =
        lease.success && lease.data.owner !== owner && lease.data.expiresAt > now && lease.data.expiresAt <= now + ttlMs
      if (heldByOther) return false
      await db.meta.put({ key: LEASE_KEY, value: { owner, expiresAt: now + ttlMs } })
      return true
    })
  }

  function release(): Promise<void> {
    return db.transaction('rw', db.meta, async () => {
      const lease = LeaseSchema.safeParse((await db.meta.get(LEASE_KEY))?.value)
      if (lease.success && lease.data.owner === owner) await db.meta.delete(LEASE_KEY)
    })
  }

  return {
    async runExclusive(task) {
      if (!(await claim())) return false
      try {
        await task(claim)
      } finally {
        // Failing to release only delays the next uploader until the lease expires.
        await release().catch(() => undefined)
      }
      return true
    },
  }
}

/**
 * The best lock this browser offers: Web Locks where available (all current browsers), else the
 * lease in IndexedDB.
 */
export function createUploadLock(db: MeepraatDb, clock: { now(): number }): UploadLock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? createWebLock(locks) : createLeaseLock(db, { clock })
}
