import type { MeepraatDb, StuckReason } from '../../db/db'
import { entryTypeOf, OUTBOX_ENTRY_TYPES, resultTables, type EntryResult, type EntryTypes, type QueuedEntry, type RecordChange } from './entry-types'

/** Why the client parked an entry itself: our API refused the request outright (4xx). */
export const BAD_REQUEST = 'bad_request'

/** Failed tries on its own after which an entry steps aside for the others (it is still retried). */
export const STRIKES_BEFORE_ASIDE = 3

/** What one batch's answer did to the outbox. */
export interface BatchOutcome {
  sent: number
  rejected: number
  /** Entries the server's answer did not mention: they stay queued. */
  unanswered: number
}

/** Updates the record an entry sent, the way its kind defines; an unknown kind has none to update. */
function markRecord(db: MeepraatDb, types: EntryTypes, entry: QueuedEntry, change: RecordChange): Promise<void> {
  return entryTypeOf(types, entry.type)?.markRecord(db, entry, change) ?? Promise.resolve()
}

/** Adds `entry` to its group in `groups`, in place (a batch has hundreds: no copy per entry). */
function addTo(groups: Map<string, QueuedEntry[]>, key: string, entry: QueuedEntry): void {
  const group = groups.get(key)
  if (group) group.push(entry)
  else groups.set(key, [entry])
}

/** `markRecord` for many entries with one change: per kind in one pass where the kind can. */
async function markRecords(db: MeepraatDb, types: EntryTypes, entries: readonly QueuedEntry[], change: RecordChange): Promise<void> {
  const byType = new Map<string, QueuedEntry[]>()
  for (const entry of entries) addTo(byType, entry.type, entry)
  for (const [type, ofType] of byType) {
    const definition = entryTypeOf(types, type)
    if (!definition) continue
    if (definition.markRecords) await definition.markRecords(db, ofType, change)
    else for (const entry of ofType) await definition.markRecord(db, entry, change)
  }
}

/**
 * Applies the server's per-entry answer, all of it in one transaction so the outbox and the
 * records can never disagree, and in bulk (one delete, one update per reason, one pass per kind
 * of record) so a drained batch of hundreds costs a handful of writes. `accepted` and
 * `duplicate` both mean the server holds it: the entry leaves the outbox and its record shows as
 * sent. `rejected` is final: the entry is parked (kept, never retried) and the record shows the
 * reason.
 */
export async function applyResults(
  db: MeepraatDb,
  entries: readonly QueuedEntry[],
  results: readonly EntryResult[],
  at: string,
  types: EntryTypes = OUTBOX_ENTRY_TYPES,
): Promise<BatchOutcome> {
  const byId = new Map(results.map((result) => [result.id, result]))
  const outcome: BatchOutcome = { sent: 0, rejected: 0, unanswered: 0 }
  const sent: QueuedEntry[] = []
  const rejectedBy = new Map<string, QueuedEntry[]>()
  for (const entry of entries) {
    const result = byId.get(entry.key)
    if (result === undefined) {
      outcome.unanswered++
    } else if (result.status === 'rejected') {
      outcome.rejected++
      const reason = result.reason ?? entryTypeOf(types, entry.type)?.rejectedReason ?? BAD_REQUEST
      addTo(rejectedBy, reason, entry)
    } else {
      outcome.sent++
      sent.push(entry)
    }
  }
  await db.transaction('rw', resultTables(db, types), async () => {
    if (sent.length > 0) {
      await db.outbox.bulkDelete(sent.map((entry) => entry.seq))
      await markRecords(db, types, sent, { state: 'sent', sentAt: at })
    }
    for (const [reason, parked] of rejectedBy) await parkAll(db, types, parked, reason, at)
  })
  return outcome
}

async function parkAll(db: MeepraatDb, types: EntryTypes, entries: readonly QueuedEntry[], reason: string, at: string): Promise<void> {
  await db.outbox.bulkUpdate(entries.map((entry) => ({ key: entry.seq, changes: { parked: { reason, at } } })))
  await markRecords(db, types, entries, { state: 'rejected', reason })
}

/**
 * Counts one failure on its own against each entry. An entry with `STRIKES_BEFORE_ASIDE` or more
 * steps aside until `retryAt(strikes)` and its record shows as stuck, with the reason. Returns
 * how many of `failed` are not (yet) set aside: those still hold up the run's success.
 */
export async function recordStrikes(
  db: MeepraatDb,
  failed: ReadonlyArray<{ entry: QueuedEntry; reason: StuckReason }>,
  at: string,
  retryAt: (strikes: number) => number,
  types: EntryTypes = OUTBOX_ENTRY_TYPES,
): Promise<number> {
  let notAside = 0
  await db.transaction('rw', resultTables(db, types), async () => {
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
      await markRecord(db, types, entry, { state: 'stuck', reason })
    }
  })
  return notAside
}

/**
 * Parks entries our API refused outright (a 4xx with an error body). They stay in the database,
 * so nothing the resident gave is deleted, but they are never sent again.
 */
export async function parkRefused(db: MeepraatDb, entries: readonly QueuedEntry[], at: string, types: EntryTypes = OUTBOX_ENTRY_TYPES): Promise<void> {
  await db.transaction('rw', resultTables(db, types), () => parkAll(db, types, entries, BAD_REQUEST, at))
}
