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

/** A one-shot timer on `clock` that remembers when it fires, for the status the UI shows. */
export interface RetryTimer {
  /** Fires `callback` after `ms`, replacing any timer set before. */
  schedule(ms: number): void
  clear(): void
  /** When it fires (clock ms), or `null` when nothing is scheduled. */
  readonly dueAt: number | null
}

export function createRetryTimer(clock: Clock, callback: () => void): RetryTimer {
  let handle: unknown = null
  let dueAt: number | null = null
  const clear = () => {
    if (handle !== null) clock.clearTimeout(handle)
    handle = null
    dueAt = null
  }
  return {
    schedule(ms) {
      clear()
      dueAt = clock.now() + ms
      handle = clock.setTimeout(() => {
        handle = null
        dueAt = null
        callback()
      }, ms)
    },
    clear,
    get dueAt() {
      return dueAt
    },
  }
}
