import { MAX_BATCH_BYTES } from '../../../shared/schemas/submission'
import type { MeepraatDb } from '../../db/db'
import { entryTypeOf, OUTBOX_ENTRY_TYPES, type OutboxEntry, type OutboxType, type QueuedEntry } from './entry-types'

/** The contract's batch limit per kind of entry (from their definitions). */
export const MAX_BATCH_COUNT = Object.fromEntries(
  Object.entries(OUTBOX_ENTRY_TYPES).map(([type, definition]) => [type, definition.maxBatch]),
) as Record<OutboxType, number>

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
  /** Defaults to the kind's own limit. */
  maxCount?: number
  maxBytes?: number
  /** Entries not to take (this run already saw them fail on their own). */
  exclude?: ReadonlySet<number>
  /** Clock ms: entries set aside are due from their `retryAt`. Defaults to `Date.now()`. */
  now?: number
}

/**
 * The next entries of one kind to send, oldest first, skipping parked ones and those set aside.
 * Stops at the contract's count limit and also at its byte limit, so a batch of long text answers
 * is never refused as too large (which would park answers that are fine). The first entry is
 * always taken, even if alone it is too large: the server's 413 then parks just that one. Only
 * when nothing else waits is an entry that was set aside (and is due) taken, alone: it can never
 * again hold up the others.
 */
export async function nextBatch(db: MeepraatDb, options: BatchOptions = {}, type: string = 'submission'): Promise<QueuedEntry[]> {
  const maxCount = options.maxCount ?? entryTypeOf(OUTBOX_ENTRY_TYPES, type)?.maxBatch ?? 1
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
async function nextAside(db: MeepraatDb, type: string, now: number, open: (entry: OutboxEntry) => boolean): Promise<QueuedEntry[]> {
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
