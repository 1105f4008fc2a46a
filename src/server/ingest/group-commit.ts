import type { Submission, SubmissionResult } from '../../shared/schemas/submission'

/**
 * Stores one group. `slot` (0 to concurrency - 1) is held by this transaction alone while it
 * runs: the ingest uses it to pick tally rows no concurrent group of this process writes.
 */
type Ingest = (batch: Submission[], slot: number) => Promise<SubmissionResult[]>

interface Waiting {
  submissions: Submission[]
  /** performance.now() when the request joined the queue. */
  queuedAt: number
  resolve(results: SubmissionResult[]): void
  reject(error: unknown): void
}

export interface GroupCommitOptions {
  /** Transactions that may run at once; requests arriving meanwhile wait and share the next one. */
  concurrency: number
  /** Most submissions in one shared transaction. */
  maxBatch: number
  /**
   * Wait one event-loop turn before starting a transaction, so requests that arrived together
   * go together. For an embedded database that runs on the event loop itself: without it, the
   * first request of a burst would always go alone.
   */
  gatherOneTurn?: boolean
  /** Told about each group as it starts, and about requests retried alone (metrics). */
  observer?: GroupCommitObserver
}

export interface GroupCommitObserver {
  /** A shared transaction starts: how many requests and submissions it holds, how long each request waited (ms). */
  groupStarted(requests: number, submissions: number, waitsMs: number[]): void
  /** A request of a failed shared transaction is tried again on its own. */
  isolatedRetry(): void
}

/**
 * Group commit for ingest: while a transaction runs, submissions of newly arriving requests
 * queue up and are then stored together in one transaction. At low load a request goes alone and
 * at once (no timer, no added wait); under load, many small requests cost one transaction instead
 * of one each. Every request still gets one result per submission of its own. When the shared
 * transaction fails, each request in it is tried again on its own transaction before any fails,
 * so a request can only ever fail itself (a value the database refuses, in one request, must not
 * fail the valid requests that happened to share its transaction).
 */
export function createGroupCommit(ingest: Ingest, options: GroupCommitOptions): (submissions: Submission[]) => Promise<SubmissionResult[]> {
  const queue: Waiting[] = []
  let running = 0
  let scheduled = false
  const freeSlots = Array.from({ length: options.concurrency }, (_, i) => options.concurrency - 1 - i)

  function takeGroup(): Waiting[] {
    const group: Waiting[] = []
    let size = 0
    while (queue.length > 0) {
      const next = queue[0] as Waiting
      if (group.length > 0 && size + next.submissions.length > options.maxBatch) break
      group.push(queue.shift() as Waiting)
      size += next.submissions.length
    }
    return group
  }

  function pump(): void {
    while (running < options.concurrency && queue.length > 0) {
      const group = takeGroup()
      running++
      const slot = freeSlots.pop() as number
      void runGroup(group, slot).finally(() => {
        freeSlots.push(slot)
        running--
        pump()
      })
    }
  }

  async function runGroup(group: Waiting[], slot: number): Promise<void> {
    let results: SubmissionResult[]
    const batch = group.flatMap((w) => w.submissions)
    const started = performance.now()
    options.observer?.groupStarted(group.length, batch.length, group.map((w) => started - w.queuedAt))
    try {
      results = await ingest(batch, slot)
    } catch (error) {
      if (group.length === 1) return (group[0] as Waiting).reject(error)
      return runAlone(group, slot)
    }
    const byId = new Map(results.map((r) => [r.id, r]))
    const answered = new Set<string>()
    for (const w of group) {
      const own = new Set<string>()
      const mine: SubmissionResult[] = []
      for (const s of w.submissions) {
        if (own.has(s.id)) continue
        own.add(s.id)
        const result = byId.get(s.id) as SubmissionResult
        // The same id from two requests in one group: the first stored it, the others repeat it.
        mine.push(answered.has(s.id) && result.status === 'accepted' ? { id: s.id, status: 'duplicate' } : result)
        answered.add(s.id)
      }
      w.resolve(mine)
    }
  }

  /**
   * After a shared transaction failed: nothing of it was stored, so each request goes again on its
   * own transaction, one after the other (the group still holds its turn of `concurrency`). A
   * request that fails again fails only itself; one whose id another request of the group
   * stored first now answers `duplicate` from the database, as it would in separate groups.
   */
  async function runAlone(group: Waiting[], slot: number): Promise<void> {
    for (const w of group) {
      options.observer?.isolatedRetry()
      try {
        w.resolve(await ingest(w.submissions, slot))
      } catch (error) {
        w.reject(error)
      }
    }
  }

  function schedule(): void {
    if (!options.gatherOneTurn) return pump()
    if (scheduled) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      pump()
    })
  }

  return (submissions) =>
    new Promise<SubmissionResult[]>((resolve, reject) => {
      queue.push({ submissions, queuedAt: performance.now(), resolve, reject })
      schedule()
    })
}
