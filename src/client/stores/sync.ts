import { liveQuery } from 'dexie'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useDb } from '../db/app-db'
import { waitingCount } from '../db/submissions-repo'
import type { ResidentEngineOverrides } from '../sync/resident-engine'
import type { SyncEngine, SyncErrorInfo, SyncStatus } from '../sync/sync-engine'

/** How often an open, visible app looks for news (feedback) on its own. */
export const INBOX_POLL_MS = 5 * 60_000

/** What `start()` lets a test or a preview swap; the app itself passes nothing. */
export type SyncStartOverrides = ResidentEngineOverrides

/**
 * Sync status for the UI (rule 12: offline is visible): whether the phone is online, whether a
 * sync runs, how many answers wait, when the last good sync was and what went wrong last. Holds
 * status only; the answers themselves are read from IndexedDB with `useLiveQuery`.
 */
export const useSyncStore = defineStore('sync', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  /** The last try to reach the server failed on the network: `navigator.onLine` says too little. */
  const unreachable = ref(false)
  const online = computed(() => browserOnline.value && !unreachable.value)
  const syncing = ref(false)
  const waiting = ref(0)
  const lastSyncAt = ref<string | null>(null)
  const lastError = ref<SyncErrorInfo | null>(null)

  /** The engine once asked for (its code may still be loading), and once it runs. */
  let engine: Promise<SyncEngine> | null = null
  let running: SyncEngine | null = null
  /** Counts starts and stops, so an engine whose code arrives after a stop is never started. */
  let starts = 0
  const cleanups: Array<() => void> = []

  function applyStatus(status: SyncStatus): void {
    syncing.value = status.syncing
    lastSyncAt.value = status.lastSyncAt
    lastError.value = status.lastError
    if (status.lastError?.kind === 'network') unreachable.value = true
    else if (!status.syncing && status.lastError === null) unreachable.value = false
  }

  function watchOnline(): void {
    if (typeof window === 'undefined') return
    const update = () => {
      browserOnline.value = navigator.onLine
      // Coming back online: trust it until the next try says otherwise.
      if (navigator.onLine) unreachable.value = false
    }
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    cleanups.push(() => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    })
  }

  /**
   * While the app is on screen, syncs now and then, so feedback published meanwhile (the inbox)
   * arrives without the resident doing anything. No push involved; a hidden tab stays quiet.
   */
  function pollWhileVisible(target: SyncEngine): void {
    if (typeof window === 'undefined' || typeof document === 'undefined') return
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) target.requestDrain()
    }, INBOX_POLL_MS)
    cleanups.push(() => window.clearInterval(timer))
  }

  /**
   * Starts the one sync engine of the app (again calls give the same one): it drains the outbox
   * now and on every trigger, and `waiting` follows the outbox live, across tabs too. The engine's
   * code (the route table, the schemas that check every answer) loads here, after the first page:
   * showing that page and saving an answer need only the phone. An answer saved before it is
   * there is sent by its first drain. When that code cannot be loaded (the connection dropped
   * before the app's files were kept on the phone), `lastError` says so and the next call tries
   * again; Chromium keeps a failed import failed until the page loads again, so there the answers
   * wait on the phone until the app is opened again.
   */
  function start(overrides: SyncStartOverrides = {}): Promise<SyncEngine> {
    if (engine !== null) return engine
    const db = useDb()
    const generation = ++starts
    const subscription = liveQuery(() => waitingCount(db)).subscribe({
      next: (count) => {
        waiting.value = count
      },
      error: (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        lastError.value = { kind: 'local', message, at: new Date().toISOString() }
      },
    })
    cleanups.push(() => subscription.unsubscribe())
    watchOnline()
    const loading = import('../sync/resident-engine').then(
      ({ createResidentSyncEngine }) => {
        // The engine drains by itself on every trigger, saving an answer or a sign-up included.
        const created = createResidentSyncEngine(db, applyStatus, overrides)
        // Stopped while its code was loading: it never runs.
        if (generation !== starts) return created
        running = created
        pollWhileVisible(created)
        created.start()
        return created
      },
      (error: unknown) => {
        if (generation === starts) stop()
        lastError.value = { kind: 'network', message: error instanceof Error ? error.message : String(error), at: new Date().toISOString() }
        throw error
      },
    )
    engine = loading
    return loading
  }

  /** Stops the engine and every listener; for tests and hot module reload. */
  function stop(): void {
    starts++
    running?.stop()
    running = null
    engine = null
    for (const cleanup of cleanups.splice(0)) cleanup()
  }

  /** The "send now" button: syncs at once, resolves when done (errors land in `lastError`). */
  async function syncNow(): Promise<void> {
    let started: SyncEngine
    try {
      started = await start()
    } catch {
      return
    }
    await started.syncNow()
  }

  /** Asks for a sync soon; saving an answer already does this by itself. */
  function requestDrain(): void {
    running?.requestDrain()
  }

  return { online, syncing, waiting, lastSyncAt, lastError, start, stop, syncNow, requestDrain }
})
