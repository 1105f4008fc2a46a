import type { StuckReason } from '../../db/db'
import { ApiError } from '../api'
import type { QueuedEntry } from './entry-types'

/**
 * Rule 13: an outbox entry that keeps failing steps aside for the others. A batch that fails in a
 * way one entry could cause is split until the failing entry stands alone; the rest goes on. An
 * entry is only blamed on evidence, so an outage never sets innocent answers aside: something
 * else got through in the same run, or it was the only entry left to try and the server itself
 * answered with an error (a lost connection alone proves nothing about the entry).
 */

/**
 * Failed requests in a row, within one run, after which the run gives up and waits for the
 * backoff. Enough to split a full batch of 500 down to a few failing entries (about 10 steps per
 * entry standing alone), while an outage costs at most this many requests per run.
 */
export const MAX_FAILED_REQUESTS_PER_RUN = 16

/** The first wait of an entry set aside, and the most it ever waits: longer than the run backoff. */
export const ASIDE_BASE_MS = 60_000
export const ASIDE_MAX_MS = 60 * 60_000

/** Statuses of a refusal about the batch's own content: only these park entries. */
const CONTENT_STATUSES = new Set([400, 413, 422])

/**
 * Whether our API refused what was sent (400, 413, 422 with its error body). A 404 or 405 for the
 * whole route (a wrong proxy rule, an older deploy), a 401/403 from something in between and
 * everything else only mean: try again later.
 */
export function isContentRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.kind === 'refused' && error.status !== undefined && CONTENT_STATUSES.has(error.status)
}

/**
 * Whether one entry of the batch could be the cause: a server error (a bad value failing in the
 * database answers 500), or a connection that drops. Not a 503 or a `Retry-After` (the server
 * asks everyone to wait), not a timeout (splitting would multiply the waiting), not 408/429.
 */
export function mightBeOneEntry(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'network') return !error.timedOut
  const status = error.status
  return error.kind === 'server' && status !== undefined && status >= 500 && status !== 503 && error.retryAfterMs === undefined
}

/**
 * How long an entry set aside waits before it is tried again: from 1 min, doubling with each
 * further failure, at most 1 h, with "equal jitter" like the run backoff.
 */
export function asideDelay(strikes: number, strikesBeforeAside: number, random: () => number): number {
  const ceiling = Math.min(ASIDE_MAX_MS, ASIDE_BASE_MS * 2 ** Math.max(0, strikes - strikesBeforeAside))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** What one sync run learned about failing entries. */
export interface RunLedger {
  /** Entries that failed on their own in this run, by seq; not offered again in this run. */
  readonly suspects: ReadonlySet<number>
  /** A request got a usable answer (results, or a refusal of content). */
  answered(): void
  /** A request failed in a way one entry could cause; `false` once the run should give up. */
  failed(): boolean
  /** An entry failed standing alone. */
  suspect(entry: QueuedEntry, error: ApiError): void
  /** The suspects the run's evidence points at, with the reason the resident sees. */
  blamed(): Array<{ entry: QueuedEntry; reason: StuckReason }>
  /** The last suspect's error, to fail the run with while a suspect is not set aside. */
  readonly lastError: ApiError | undefined
}

export function createRunLedger(): RunLedger {
  const suspects = new Map<number, { entry: QueuedEntry; error: ApiError }>()
  const seqs = new Set<number>()
  let anyAnswer = false
  let failedInARow = 0
  let lastError: ApiError | undefined
  return {
    suspects: seqs,
    answered() {
      anyAnswer = true
      failedInARow = 0
    },
    failed() {
      failedInARow++
      return failedInARow < MAX_FAILED_REQUESTS_PER_RUN
    },
    suspect(entry, error) {
      suspects.set(entry.seq, { entry, error })
      seqs.add(entry.seq)
      lastError = error
    },
    blamed() {
      const all = [...suspects.values()]
      const alone = !anyAnswer && all.length === 1 && all[0]?.error.kind === 'server'
      if (!anyAnswer && !alone) return []
      return all.map(({ entry, error }) => ({ entry, reason: error.kind === 'server' ? 'server_error' : 'no_connection' }))
    },
    get lastError() {
      return lastError
    },
  }
}
