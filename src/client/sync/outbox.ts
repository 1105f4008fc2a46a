import { MAX_BATCH_BYTES, MAX_BATCH_SUBMISSIONS } from '../../shared/schemas/submission'
import type { LocalRegistration, LocalSubmission, MeepraatDb, OutboxEntry, OutboxType, StuckReason } from '../db/db'

/** An outbox entry as read back from the database: it always has its sequence number. */
export type QueuedEntry = OutboxEntry & { seq: number }

/** Why the client parked an entry itself: our API refused the request outright (4xx). */
export const BAD_REQUEST = 'bad_request'

/** The contract's batch limit per endpoint: sign-ups and registrations go 50 at a time. */
export const MAX_BATCH_COUNT: Record<OutboxType, number> = { submission: MAX_BATCH_SUBMISSIONS, signup: 50, interest: 50 }

/** One entry of a batch answer; submissions and registrations answer alike. */
export interface EntryResult {
  id: string
  status: 'accepted' | 'duplicate' | 'rejected'
  reason?: string
}

/** Failed tries on its own after which an entry steps aside for the others (it is still retried). */
export const STRIKES_BEFORE_ASIDE = 3

/** Room kept free under the byte limit for the batch envelope. */
const ENVELOPE_BYTES = 1024
const encoder = new TextEncoder()

function payloadBytes(entry: OutboxEntry): number {
  return encoder.encode(JSON.stringify(entry.payload)).length + 1
}

function isQueued(entry: OutboxEntry): entry is QueuedEntry {
  return entry.seq !== undefined
}

export interface BatchOptions {
  maxCount?: number
  maxBytes?: number
  /** Entries not to take (this run already saw them fail on their own). */
  exclude?: ReadonlySet<number>
  /** Clock ms: entries set aside are due from their `retryAt`. Defaults to `Date.now()`. */
  now?: number
}

/**
 * The next entries to send, oldest first, skipping parked ones and those set aside. Stops at the
 * contract's count limit and also at its byte limit, so a batch of long text answers is never
 * refused as too large (which would park answers that are fine). The first entry is always taken,
 * even if alone it is too large: the server's 413 then parks just that one. Only when nothing
 * else waits is an entry that was set aside (and is due) taken, alone: it can never again hold up
 * the others.
 */
export async function nextBatch(db: MeepraatDb, options: BatchOptions = {}, type: OutboxType = 'submission'): Promise<QueuedEntry[]> {
  const maxCount = options.maxCount ?? MAX_BATCH_COUNT[type]
  const maxBytes = (options.maxBytes ?? MAX_BATCH_BYTES) - ENVELOPE_BYTES
  const exclude = options.exclude ?? new Set<number>()
  const open = (entry: OutboxEntry) => entry.parked === undefined && !(entry.seq !== undefined && exclude.has(entry.seq))
  // Within one type the index is ordered by seq: the order in which the resident acted.
  const candidates = await db.outbox
    .where('type')
    .equals(type)
    .filter((entry) => open(entry) && entry.aside === undefined)
    .limit(maxCount)
    .toArray()
  if (candidates.length === 0) return nextAside(db, type, options.now ?? Date.now(), open)
  const batch: QueuedEntry[] = []
  let bytes = 0
  for (const entry of candidates.filter(isQueued)) {
    const size = payloadBytes(entry)
    // Stop rather than skip, so later answers never overtake earlier ones.
    if (batch.length > 0 && bytes + size > maxBytes) break
    bytes += size
    batch.push(entry)
  }
  return batch
}

/** The set-aside entry that has waited longest past its `retryAt`, as a batch of one. */
async function nextAside(db: MeepraatDb, type: OutboxType, now: number, open: (entry: OutboxEntry) => boolean): Promise<QueuedEntry[]> {
  const due = await db.outbox
    .where('type')
    .equals(type)
    .filter((entry) => open(entry) && entry.aside !== undefined && entry.aside.retryAt <= now)
    .toArray()
  const first = due.filter(isQueued).sort((a, b) => (a.aside?.retryAt ?? 0) - (b.aside?.retryAt ?? 0))[0]
  return first === undefined ? [] : [first]
}

/** When the first set-aside entry is due again (clock ms), or `undefined` when none waits. */
export async function nextAsideRetryAt(db: MeepraatDb): Promise<number | undefined> {
  const aside = await db.outbox.filter((entry) => entry.parked === undefined && entry.aside !== undefined).toArray()
  const times = aside.map((entry) => entry.aside?.retryAt ?? 0)
  return times.length === 0 ? undefined : Math.min(...times)
}

/** Counts a send attempt, so a stuck entry can be recognised when debugging a resident's phone. */
export async function recordAttempt(db: MeepraatDb, entries: readonly QueuedEntry[]): Promise<void> {
  const seqs = entries.map((entry) => entry.seq)
  await db.outbox.where('seq').anyOf(seqs).modify((entry) => {
    entry.attempts += 1
  })
}

/** What one batch's answer did to the outbox. */
export interface BatchOutcome {
  sent: number
  rejected: number
  /** Entries the server's answer did not mention: they stay queued. */
  unanswered: number
}

/**
 * Applies the server's per-submission answer. `accepted` and `duplicate` both mean the server
 * holds it: the entry leaves the outbox and the answer shows as sent, in one transaction so the
 * two can never disagree. `rejected` is final: the entry is parked (kept, never retried) and the
 * answer shows the reason.
 */
export async function applyResults(
  db: MeepraatDb,
  entries: readonly QueuedEntry[],
  results: readonly EntryResult[],
  at: string,
): Promise<BatchOutcome> {
  const byId = new Map(results.map((result) => [result.id, result]))
  const outcome: BatchOutcome = { sent: 0, rejected: 0, unanswered: 0 }
  await db.transaction('rw', [db.outbox, db.submissions, db.registrations], async () => {
    for (const entry of entries) {
      const result = byId.get(entry.key)
      if (result === undefined) {
        outcome.unanswered++
      } else if (result.status === 'rejected') {
        outcome.rejected++
        await park(db, entry, result.reason ?? (entry.type === 'submission' ? 'invalid_answers' : BAD_REQUEST), at)
      } else {
        outcome.sent++
        await db.outbox.delete(entry.seq)
        await markRecord(db, entry, { state: 'sent', sentAt: at })
      }
    }
  })
  return outcome
}

type RecordChange = { state: 'sent'; sentAt: string } | { state: 'rejected' | 'stuck'; reason: string }

/**
 * Updates the record an entry sent. A registration is only touched when the entry carried its
 * current revision: the answer for an older version must not mark a newer, unsent change as sent.
 */
async function markRecord(db: MeepraatDb, entry: QueuedEntry, changes: RecordChange) {
  const apply = (record: LocalSubmission | LocalRegistration) => {
    Object.assign(record, changes)
    // A stuck answer that got through after all has no reason left to show.
    if (changes.state === 'sent') delete record.reason
  }
  if (entry.type === 'submission') {
    await db.submissions.where('id').equals(entry.key).modify(apply)
    return
  }
  const revision = entry.payload.revision
  await db.registrations
    .where('id')
    .equals(entry.key)
    .filter((record) => record.revision === revision)
    .modify(apply)
}

/**
 * Counts one failure on its own against each entry. An entry with `STRIKES_BEFORE_ASIDE` or more
 * steps aside until `retryAt(strikes)` and its answer shows as stuck, with the reason. Returns
 * how many of `failed` are not (yet) set aside: those still hold up the run's success.
 */
export async function recordStrikes(
  db: MeepraatDb,
  failed: ReadonlyArray<{ entry: QueuedEntry; reason: StuckReason }>,
  at: string,
  retryAt: (strikes: number) => number,
): Promise<number> {
  let notAside = 0
  await db.transaction('rw', [db.outbox, db.submissions, db.registrations], async () => {
    for (const { entry, reason } of failed) {
      const current = await db.outbox.get(entry.seq)
      // Sent, parked or withdrawn meanwhile (another tab, the resident): nothing to count.
      if (current === undefined || current.parked !== undefined) continue
      const strikes = (current.strikes ?? 0) + 1
      if (strikes < STRIKES_BEFORE_ASIDE) {
        notAside++
        await db.outbox.update(entry.seq, { strikes })
        continue
      }
      await db.outbox.update(entry.seq, { strikes, aside: { reason, at, retryAt: retryAt(strikes) } })
      await markRecord(db, entry, { state: 'stuck', reason })
    }
  })
  return notAside
}

async function park(db: MeepraatDb, entry: QueuedEntry, reason: string, at: string) {
  await db.outbox.update(entry.seq, { parked: { reason, at } })
  await markRecord(db, entry, { state: 'rejected', reason })
}

/**
 * Parks entries our API refused outright (a 4xx with an error body). They stay in the database,
 * so nothing the resident gave is deleted, but they are never sent again.
 */
export async function parkRefused(db: MeepraatDb, entries: readonly QueuedEntry[], at: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.submissions, db.registrations], async () => {
    for (const entry of entries) await park(db, entry, BAD_REQUEST, at)
  })
}
