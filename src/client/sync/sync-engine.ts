import type { MeepraatDb, OutboxType } from '../db/db'
import { clearInboxCursor, getInboxCursor, saveInbox } from '../db/inbox-repo'
import { saveItems } from '../db/items-repo'
import { clearItemsCursor, getDeviceId, getItemsCursor, getMunicipality, setItemsCursor } from '../db/meta-repo'
import { applyServerStatuses, hasSentRegistration } from '../db/registrations-repo'
import { ApiError, type Api, type ApiErrorKind } from './api'
import {
  applyResults,
  nextAsideRetryAt,
  nextBatch,
  parkRefused,
  recordAttempt,
  recordStrikes,
  STRIKES_BEFORE_ASIDE,
  type EntryResult,
  type QueuedEntry,
} from './outbox'
import { asideDelay, createRunLedger, isContentRefusal, mightBeOneEntry, type RunLedger } from './step-aside'
import type { UploadLock } from './web-lock'

type Payload<T extends OutboxType> = Extract<QueuedEntry, { type: T }>['payload']

/** Time as the engine sees it; injected so tests drive backoff without real waiting. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A number in [0, 1), like `Math.random`. */
export type Random = () => number

type Listenable = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>

/** Where the engine hears its triggers. Defaults to the page's own `window`, `document` and service worker. */
export interface SyncEnvironment {
  /** Fires `online`. */
  window?: Listenable
  /** Fires `visibilitychange`. */
  document?: Listenable & { readonly visibilityState: DocumentVisibilityState }
  /** Posts `{type:'sync'}` when Background Sync fires (where the browser has it). */
  serviceWorker?: Listenable
}

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
   * `getInbox` is optional: without it the engine only sends and pulls items. Without
   * `postSignups` / `postInterests` those entries simply wait; `getMySignups` refreshes statuses.
   */
  api: Pick<Api, 'postSubmissions' | 'getItems'> & Partial<Pick<Api, 'getInbox' | 'postSignups' | 'postInterests' | 'getMySignups'>>
  clock: Clock
  random: Random
  lock: UploadLock
  environment?: SyncEnvironment
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
  /** Resolves when no sync run and no inbox pull is under way; lets callers and tests wait for a triggered run. */
  whenIdle(): Promise<void>
  readonly status: SyncStatus
}

export const BACKOFF_BASE_MS = 1_000
export const BACKOFF_MAX_MS = 5 * 60_000
/** How soon to look again when another tab was uploading. */
export const LOCK_BUSY_RETRY_MS = 2_000

/**
 * Delay before retry number `failures` (1 for the first): doubling from 1 s, capped at 5 min,
 * with "equal jitter" (between half and all of that), so a town's worth of phones coming back
 * online at once do not hit the server in lockstep, yet the wait still grows.
 */
export function backoffDelay(failures: number, random: Random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

function defaultEnvironment(): SyncEnvironment {
  return {
    window: typeof window === 'undefined' ? undefined : window,
    document: typeof document === 'undefined' ? undefined : document,
    serviceWorker: typeof navigator === 'undefined' ? undefined : navigator.serviceWorker,
  }
}

function describe(error: unknown, at: string): SyncErrorInfo {
  const message = error instanceof Error ? error.message : String(error)
  return { kind: error instanceof ApiError ? error.kind : 'local', message, at }
}

/**
 * The page-side uploader (the service worker is never needed: Safari has no Background Sync).
 * A run drains the outbox in order, in batches, under the cross-tab lock, then pulls the chosen
 * municipality's item changes, and then, on the side, the device inbox. A failed run retries on a
 * backoff timer; any trigger retries at once. Nothing unsent is ever dropped: entries leave the outbox only when the server holds
 * them, or are parked when it refused them for good. An entry that keeps failing steps aside for
 * the others and is retried later, behind them (`step-aside.ts`).
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api, clock, random, lock } = options
  const env = options.environment ?? defaultEnvironment()
  const status: SyncStatus = { syncing: false, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null }
  let started = false
  let stopped = false
  let timer: unknown = null
  let running: Promise<void> | null = null
  let runAgain = false
  let inboxRunning: Promise<void> | null = null

  const iso = () => new Date(clock.now()).toISOString()
  const emit = () => options.onStatus?.({ ...status })

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    status.nextRetryAt = null
  }

  function schedule(ms: number): void {
    if (stopped) return
    clearTimer()
    status.nextRetryAt = clock.now() + ms
    timer = clock.setTimeout(() => {
      timer = null
      status.nextRetryAt = null
      void syncNow()
    }, ms)
  }

  /** Posts a batch of one type to its endpoint; every entry of `batch` has type `type`. */
  async function post(type: OutboxType, batch: readonly QueuedEntry[]): Promise<readonly EntryResult[]> {
    const payloads = batch.map((entry) => entry.payload)
    if (type === 'submission') return (await api.postSubmissions({ submissions: payloads as Payload<'submission'>[] })).results
    // `drain` only asks for the types the api can send; these checks just satisfy the types.
    if (type === 'signup' && api.postSignups) return (await api.postSignups({ signups: payloads as Payload<'signup'>[] })).results
    if (type === 'interest' && api.postInterests) return (await api.postInterests({ interests: payloads as Payload<'interest'>[] })).results
    throw new Error(`No endpoint for ${type}`)
  }

  /**
   * Posts one batch. A batch refused for its content, or failing in a way one entry could cause
   * (see `step-aside.ts`), is split in halves so the good entries still go; an entry failing alone
   * is parked (content) or noted as a suspect. Any other failure ends the run: retry later.
   */
  async function sendBatch(type: OutboxType, batch: readonly QueuedEntry[], ledger: RunLedger): Promise<void> {
    await recordAttempt(db, batch)
    try {
      const results = await post(type, batch)
      ledger.answered()
      const outcome = await applyResults(db, batch, results, iso())
      if (outcome.unanswered > 0) throw new ApiError('server', `${outcome.unanswered} submissions missing from the answer`)
      return
    } catch (error) {
      if (isContentRefusal(error)) {
        ledger.answered()
        if (batch.length === 1) return parkRefused(db, batch, iso())
      } else if (!mightBeOneEntry(error) || !ledger.failed()) {
        throw error
      } else if (batch.length === 1 && batch[0] !== undefined) {
        return ledger.suspect(batch[0], error)
      }
    }
    const middle = Math.ceil(batch.length / 2)
    await sendBatch(type, batch.slice(0, middle), ledger)
    await sendBatch(type, batch.slice(middle), ledger)
  }

  /**
   * After a run that tried everything: blamed suspects get a strike (and step aside after
   * enough); while any suspect is still in line the run fails, so the backoff tries it again.
   */
  async function settle(ledger: RunLedger): Promise<void> {
    if (ledger.suspects.size === 0) return
    const blamed = ledger.blamed()
    const now = clock.now()
    const waiting = await recordStrikes(db, blamed, iso(), (strikes) => now + asideDelay(strikes, STRIKES_BEFORE_ASIDE, random))
    if (waiting > 0 || blamed.length < ledger.suspects.size) throw ledger.lastError ?? new Error('An entry failed')
  }

  /** Sends everything queued; `busy` when another uploader holds (or took over) the lock. */
  async function drain(): Promise<'done' | 'busy'> {
    let lostLock = false
    // Each type goes to its own endpoint; answers first, as before sign-ups existed.
    const types: OutboxType[] = ['submission']
    if (api.postSignups) types.push('signup')
    if (api.postInterests) types.push('interest')
    const ledger = createRunLedger()
    const acquired = await lock.runExclusive(async (stillHeld) => {
      for (const type of types) {
        for (;;) {
          if (stopped) return
          const batch = await nextBatch(db, { exclude: ledger.suspects, now: clock.now() }, type)
          if (batch.length === 0) break
          if (!(await stillHeld())) {
            lostLock = true
            return
          }
          await sendBatch(type, batch, ledger)
        }
      }
      await settle(ledger)
    })
    return acquired && !lostLock ? 'done' : 'busy'
  }

  /** Fetches item changes since the stored cursor; items and cursor are saved together. */
  async function pull(): Promise<void> {
    const municipality = await getMunicipality(db)
    if (municipality === undefined || stopped) return
    const since = await getItemsCursor(db, municipality)
    let list
    try {
      list = await api.getItems(municipality, since)
    } catch (error) {
      // A refused cursor (the server's feed was reset) must not block updates forever: start over.
      if (!(error instanceof ApiError && error.kind === 'refused' && since !== undefined)) throw error
      await clearItemsCursor(db, municipality)
      list = await api.getItems(municipality)
    }
    const { items, cursor } = list
    await db.transaction('rw', db.items, db.meta, async () => {
      await saveItems(db, items)
      await setItemsCursor(db, municipality, cursor)
    })
  }

  /**
   * Fetches the device inbox (terugkoppeling) since its stored cursor and merges it. Skipped until
   * the server holds an answer of ours: an unknown device has nothing to read.
   */
  async function pullInbox(): Promise<void> {
    if (api.getInbox === undefined || stopped) return
    const answered = (await db.submissions.where('state').equals('sent').count()) > 0
    const registered = await hasSentRegistration(db)
    if (!answered && !registered) return
    const deviceId = await getDeviceId(db)
    // Table news (selected, waiting list) also shows as a status on the sign-up itself.
    // A failure here must not keep the inbox away: the statuses come again with the next sync.
    if (registered && api.getMySignups) {
      await api
        .getMySignups(deviceId)
        .then((signups) => applyServerStatuses(db, signups))
        .catch(() => undefined)
    }
    const since = await getInboxCursor(db)
    let inbox
    try {
      inbox = await api.getInbox(deviceId, since)
    } catch (error) {
      // A refused cursor: read the whole inbox again; the merge keeps what was read as read.
      if (!(error instanceof ApiError && error.kind === 'refused' && since !== undefined)) throw error
      await clearInboxCursor(db)
      inbox = await api.getInbox(deviceId)
    }
    await saveInbox(db, inbox.entries, inbox.cursor)
  }

  /**
   * Starts an inbox pull beside the sync run, not inside it: a slow or failing inbox request never
   * holds up or fails sending answers. Its errors just wait for the next sync (no backoff of its
   * own); a pull already under way is not doubled.
   */
  function requestInboxPull(): void {
    if (inboxRunning !== null || stopped) return
    inboxRunning = pullInbox()
      .catch(() => undefined)
      .finally(() => {
        inboxRunning = null
      })
  }

  /** Wakes up when the first entry set aside is due again (they wait longer than the backoff). */
  async function scheduleAside(): Promise<void> {
    const due = await nextAsideRetryAt(db)
    if (due !== undefined) schedule(Math.max(0, due - clock.now()))
  }

  async function runOnce(): Promise<void> {
    clearTimer()
    status.syncing = true
    emit()
    try {
      const drained = await drain()
      await pull()
      requestInboxPull()
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

  const requestDrain = () => void syncNow()
  const onVisibilityChange = () => {
    if (env.document?.visibilityState === 'visible') requestDrain()
  }
  const onWorkerMessage = (event: Event) => {
    const data: unknown = (event as MessageEvent).data
    if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'sync') requestDrain()
  }

  return {
    start() {
      if (started) return
      started = true
      stopped = false
      env.window?.addEventListener('online', requestDrain)
      env.document?.addEventListener('visibilitychange', onVisibilityChange)
      env.serviceWorker?.addEventListener('message', onWorkerMessage)
      requestDrain()
    },
    stop() {
      started = false
      stopped = true
      env.window?.removeEventListener('online', requestDrain)
      env.document?.removeEventListener('visibilitychange', onVisibilityChange)
      env.serviceWorker?.removeEventListener('message', onWorkerMessage)
      clearTimer()
    },
    requestDrain,
    syncNow,
    async whenIdle() {
      // A run may start an inbox pull, and a trigger may start a run meanwhile: wait for both.
      while (running !== null || inboxRunning !== null) await (running ?? inboxRunning)
    },
    get status() {
      return { ...status }
    },
  }
}
