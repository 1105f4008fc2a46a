import { liveQuery } from 'dexie'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useDb } from '../db/app-db'
import { waitingCount } from '../db/submissions-repo'
import { createResidentSyncEngine, type ResidentEngineOverrides } from '../sync/resident-engine'
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

  let engine: SyncEngine | null = null
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
   * Starts the one sync engine of the app (again calls do nothing): it drains the outbox now and
   * on every trigger, and `waiting` follows the outbox live, across tabs too.
   */
  function start(overrides: SyncStartOverrides = {}): SyncEngine {
    if (engine !== null) return engine
    const db = useDb()
    // The engine drains by itself on every trigger, saving an answer or a sign-up included.
    const created = createResidentSyncEngine(db, applyStatus, overrides)
    engine = created
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
    pollWhileVisible(created)
    created.start()
    return created
  }

  /** Stops the engine and every listener; for tests and hot module reload. */
  function stop(): void {
    engine?.stop()
    engine = null
    for (const cleanup of cleanups.splice(0)) cleanup()
  }

  /** The "send now" button: syncs at once, resolves when done (errors land in `lastError`). */
  function syncNow(): Promise<void> {
    return start().syncNow()
  }

  /** Asks for a sync soon; saving an answer already does this by itself. */
  function requestDrain(): void {
    engine?.requestDrain()
  }

  return { online, syncing, waiting, lastSyncAt, lastError, start, stop, syncNow, requestDrain }
})
