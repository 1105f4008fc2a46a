import type { MeepraatDb } from '../db/db'
import { onEnqueued } from './outbox/enqueue'

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

export function defaultEnvironment(): SyncEnvironment {
  return {
    window: typeof window === 'undefined' ? undefined : window,
    document: typeof document === 'undefined' ? undefined : document,
    serviceWorker: typeof navigator === 'undefined' ? undefined : navigator.serviceWorker,
  }
}

/**
 * Calls `trigger` whenever a sync is worth trying: coming online, becoming visible, a Background
 * Sync message from the service worker (where the browser has one: just another trigger, never
 * relied on) and an entry queued on `db`. Returns the function that removes every listener.
 */
export function listenForTriggers(env: SyncEnvironment, db: MeepraatDb, trigger: () => void): () => void {
  const onVisibilityChange = () => {
    if (env.document?.visibilityState === 'visible') trigger()
  }
  const onWorkerMessage = (event: Event) => {
    const data: unknown = (event as MessageEvent).data
    if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'sync') trigger()
  }
  env.window?.addEventListener('online', trigger)
  env.document?.addEventListener('visibilitychange', onVisibilityChange)
  env.serviceWorker?.addEventListener('message', onWorkerMessage)
  const stopEnqueued = onEnqueued((queuedOn) => {
    if (queuedOn === db) trigger()
  })
  return () => {
    env.window?.removeEventListener('online', trigger)
    env.document?.removeEventListener('visibilitychange', onVisibilityChange)
    env.serviceWorker?.removeEventListener('message', onWorkerMessage)
    stopEnqueued()
  }
}
