import type { MeepraatDb } from '../db/db'
import { ApiError, type Api, type ApiErrorKind } from './api'
import { BACKOFF_MAX_MS, backoffDelay, createRetryTimer, LOCK_BUSY_RETRY_MS, type Clock, type Random } from './backoff'
import { drainOutbox, nextAsideRetryAt } from './outbox'
import { createPullRunner, pullsFor, type Pull } from './pulls'
import { defaultEnvironment, listenForTriggers, type SyncEnvironment } from './triggers'
import type { UploadLock } from './web-lock'

export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, LOCK_BUSY_RETRY_MS, systemClock, type Clock, type Random } from './backoff'
export type { SyncEnvironment } from './triggers'

/** What went wrong last, for the UI: `local` is a failure of IndexedDB or of our own code. */
export interface SyncErrorInfo {
  kind: ApiErrorKind | 'local'
  message: string
  at: string
}

export interface SyncStatus {
  syncing: boolean
  lastSyncAt: string | null
  lastError: SyncErrorInfo | null
  /** Failed runs in a row; drives the backoff and resets after a good run. */
  failures: number
  /** When the backoff timer fires next (clock ms), or `null` when nothing is scheduled. */
  nextRetryAt: number | null
}

export interface SyncEngineOptions {
  db: MeepraatDb
  /**
   * Only `postSubmissions` and `getItems` are required: without `postSignups` / `postInterests`
   * those entries simply wait, and without `getInbox` / `getMySignups` those pulls are left out.
   */
  api: Pick<Api, 'postSubmissions' | 'getItems'> & Partial<Pick<Api, 'getInbox' | 'postSignups' | 'postInterests' | 'getMySignups' | 'getMunicipalityProfile'>>
  clock: Clock
  random: Random
  lock: UploadLock
  environment?: SyncEnvironment
  /** What to pull after draining; defaults to `pullsFor(api)`. */
  pulls?: readonly Pull[]
  onStatus?: (status: SyncStatus) => void
}

export interface SyncEngine {
  /** Listens for triggers and syncs right away. Calling it twice does nothing more. */
  start(): void
  /** Removes every listener and timer; a request already on the wire finishes on its own. */
  stop(): void
  /** Asks for a sync soon, e.g. right after an answer was queued. */
  requestDrain(): void
  /** Syncs now; resolves when done. Never rejects: failures end up in `status.lastError`. */
  syncNow(): Promise<void>
  /** Resolves when no sync run and no pull is under way; lets callers and tests wait for a triggered run. */
  whenIdle(): Promise<void>
  readonly status: SyncStatus
}

function describe(error: unknown, at: string): SyncErrorInfo {
  const message = error instanceof Error ? error.message : String(error)
  return { kind: error instanceof ApiError ? error.kind : 'local', message, at }
}

/**
 * The page-side sync (the service worker is never needed: Safari has no Background Sync). It
 * only decides when: a run drains the outbox (`outbox/`), then runs the pulls (`pulls/`). A failed
 * run retries on a backoff timer with jitter; any trigger (`triggers.ts`) retries at once.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api, clock, random, lock } = options
  const env = options.environment ?? defaultEnvironment()
  const status: SyncStatus = { syncing: false, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null }
  let started = false
  let stopped = false
  let stopListening: (() => void) | null = null
  let running: Promise<void> | null = null
  let runAgain = false
  // While a run waits for its pulls, a newly queued answer is sent at once instead of after them
  // (on a slow line a pull takes seconds): `pulling` says the run is past its drain.
  let pulling = false
  let drainingBeside: Promise<void> | null = null

  const iso = () => new Date(clock.now()).toISOString()
  const emit = () => options.onStatus?.({ ...status, nextRetryAt: timer.dueAt })
  const timer = createRetryTimer(clock, () => void syncNow())
  const pulls = createPullRunner(options.pulls ?? pullsFor(api), { db, stopped: () => stopped })
  const drain = () => drainOutbox({ db, api, lock, now: () => clock.now(), random, stopped: () => stopped })

  function schedule(ms: number): void {
    if (!stopped) timer.schedule(ms)
  }

  /** Wakes up when the first entry set aside is due again (they wait longer than the backoff). */
  async function scheduleAside(): Promise<void> {
    const due = await nextAsideRetryAt(db)
    if (due !== undefined) schedule(Math.max(0, due - clock.now()))
  }

  async function runOnce(): Promise<void> {
    timer.clear()
    status.syncing = true
    emit()
    try {
      // Never two drains of this engine at once (the lease lock lets its own owner in again).
      if (drainingBeside !== null) await drainingBeside
      const drained = await drain()
      pulling = true
      try {
        await pulls.runInRun()
      } finally {
        pulling = false
        // Each pull on its own: a failing items pull does not keep the inbox away.
        pulls.startBeside()
      }
      status.failures = 0
      status.lastSyncAt = iso()
      status.lastError = null
      if (drained === 'busy') schedule(Math.round(LOCK_BUSY_RETRY_MS * (0.5 + random() / 2)))
      else await scheduleAside()
    } catch (error) {
      status.failures++
      status.lastError = describe(error, iso())
      const asked = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0
      schedule(Math.min(BACKOFF_MAX_MS, Math.max(asked, backoffDelay(status.failures, random))))
    } finally {
      status.syncing = false
      emit()
    }
  }

  function syncNow(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running !== null) {
      // Something new may have been queued after the running pass read the outbox: go once more.
      runAgain = true
      if (pulling) drainBeside()
      return running
    }
    running = (async () => {
      do {
        runAgain = false
        await runOnce()
      } while (runAgain && !stopped)
    })().finally(() => {
      running = null
    })
    return running
  }

  /**
   * One drain beside a run that is pulling. The upload lock keeps it from racing the run's own
   * drains; a failure is left to the run that follows (`runAgain`), which retries with backoff.
   */
  function drainBeside(): void {
    if (drainingBeside !== null) return
    drainingBeside = drain()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        drainingBeside = null
      })
  }

  const requestDrain = () => void syncNow()

  return {
    start() {
      if (started) return
      started = true
      stopped = false
      stopListening = listenForTriggers(env, db, requestDrain)
      requestDrain()
    },
    stop() {
      started = false
      stopped = true
      stopListening?.()
      stopListening = null
      timer.clear()
    },
    requestDrain,
    syncNow,
    async whenIdle() {
      // A run may start pulls beside it, and a trigger may start a run meanwhile: wait for both.
      while (running !== null || pulls.busy || drainingBeside !== null) {
        if (running !== null) await running
        else if (drainingBeside !== null) await drainingBeside
        else await pulls.whenIdle()
      }
    },
    get status() {
      return { ...status, nextRetryAt: timer.dueAt }
    },
  }
}
