import Dexie from 'dexie'
import type { MeepraatDb } from '../../db/db'
import { OUTBOX_ENTRY_TYPES, type OutboxEntry, type OutboxPayloads, type OutboxType } from './entry-types'

type EnqueuedListener = (db: MeepraatDb) => void
const enqueuedListeners = new Set<EnqueuedListener>()

/**
 * Hears every entry queued on any database, once its transaction committed (never for one that
 * rolled back): the sync engine's "after enqueue" trigger. Returns the function that unsubscribes.
 */
export function onEnqueued(listener: EnqueuedListener): () => void {
  enqueuedListeners.add(listener)
  return () => enqueuedListeners.delete(listener)
}

/**
 * Queues `payload` for sending, inside the transaction that also writes the resident's own record
 * (rule 4: either both exist, or neither). Outside a transaction it throws instead of writing an
 * entry on its own. A kind that `supersedes` drops its queued, unsent older version of `key`
 * first, so the outbox never holds two versions of one record (one already on the wire is
 * harmless: the server keeps the highest revision, and its late answer cannot mark the newer one
 * as sent).
 */
export async function enqueue<T extends OutboxType>(
  db: MeepraatDb,
  type: T,
  key: string,
  payload: OutboxPayloads[T],
  createdAt: string,
): Promise<void> {
  const transaction = Dexie.currentTransaction
  if (transaction === null || transaction === undefined) throw new Error('enqueue() must run inside the transaction of the resident action')
  if (OUTBOX_ENTRY_TYPES[type].supersedes) {
    await db.outbox
      .where('key')
      .equals(key)
      .filter((old) => old.parked === undefined)
      .delete()
  }
  const entry = { type, key, payload, createdAt, attempts: 0 } as OutboxEntry
  await db.outbox.add(entry)
  transaction.on('complete', () => {
    for (const listener of enqueuedListeners) listener(db)
  })
}
