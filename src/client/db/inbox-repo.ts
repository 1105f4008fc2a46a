import type { Feedback } from '../../shared/schemas/feedback'
import type { InboxEntry } from '../../shared/schemas/inbox'
import { CursorSchema } from '../../shared/schemas/item'
import type { MeepraatDb, StoredInboxEntry } from './db'

const INBOX_CURSOR_KEY = 'inboxCursor'

/** Newest first, compared as instants (the strings may carry different UTC offsets), then by id so the order is stable. */
function newestFirst(a: StoredInboxEntry, b: StoredInboxEntry): number {
  return Date.parse(b.at) - Date.parse(a.at) || a.id.localeCompare(b.id)
}

function withFeedback(entry: StoredInboxEntry, feedback: Feedback): StoredInboxEntry {
  return entry.kind === 'feedback' ? { ...entry, feedback } : entry
}

/**
 * Merges a pulled page of the inbox into what the phone already holds. Pure, so the rules are
 * easy to test:
 * - idempotent by entry id: pulling the same page twice changes nothing;
 * - the resident's own state (`readAt`, `notifiedAt`) of a known entry is kept: a re-sent entry
 *   never pops up as new again;
 * - a correction supersedes nothing silently: it is a new, unread entry of its own, and the
 *   entry it corrects stays, marked with `correctedById` so the UI can label it "Gecorrigeerd".
 * Returns every merged entry, newest first. Inputs are not changed.
 */
export function mergeInbox(existing: readonly StoredInboxEntry[], incoming: readonly InboxEntry[]): StoredInboxEntry[] {
  const byId = new Map<string, StoredInboxEntry>(existing.map((entry) => [entry.id, entry]))
  for (const entry of incoming) {
    const known = byId.get(entry.id)
    let merged: StoredInboxEntry = { ...entry }
    if (known?.readAt !== undefined) merged.readAt = known.readAt
    if (known?.notifiedAt !== undefined) merged.notifiedAt = known.notifiedAt
    // A copy sent before the correction existed must not erase the link we already know.
    const knownCorrection = known?.kind === 'feedback' ? known.feedback.correctedById : undefined
    if (merged.kind === 'feedback' && knownCorrection !== undefined && merged.feedback.correctedById === undefined) {
      merged = withFeedback(merged, { ...merged.feedback, correctedById: knownCorrection })
    }
    byId.set(entry.id, merged)
  }
  const byFeedbackId = new Map<string, StoredInboxEntry>()
  for (const entry of byId.values()) if (entry.kind === 'feedback') byFeedbackId.set(entry.feedback.id, entry)
  for (const entry of byId.values()) {
    const correctsId = entry.kind === 'feedback' ? entry.feedback.correctsId : undefined
    const target = correctsId === undefined ? undefined : byFeedbackId.get(correctsId)
    if (entry.kind !== 'feedback' || target?.kind !== 'feedback' || target.feedback.correctedById !== undefined) continue
    byId.set(target.id, withFeedback(target, { ...target.feedback, correctedById: entry.feedback.id }))
  }
  return [...byId.values()].sort(newestFirst)
}

/** Where the inbox was last read; `undefined` before the first pull. */
export async function getInboxCursor(db: MeepraatDb): Promise<string | undefined> {
  const parsed = CursorSchema.safeParse((await db.meta.get(INBOX_CURSOR_KEY))?.value)
  return parsed.success ? parsed.data : undefined
}

/** Forgets the cursor, so the next pull reads the whole inbox (the merge makes that harmless). */
export async function clearInboxCursor(db: MeepraatDb): Promise<void> {
  await db.meta.delete(INBOX_CURSOR_KEY)
}

/**
 * Stores a pulled page and its cursor in one transaction, so a crash between the two can never
 * skip messages. Existing entries of the same items are read first: a correction must find the
 * entry it corrects.
 */
export async function saveInbox(db: MeepraatDb, incoming: readonly InboxEntry[], cursor: string): Promise<void> {
  const validCursor = CursorSchema.parse(cursor)
  await db.transaction('rw', db.inbox, db.meta, async () => {
    if (incoming.length > 0) {
      const itemIds = [...new Set(incoming.flatMap((entry) => (entry.kind === 'signal' ? [] : [entry.itemId])))]
      const existing = itemIds.length > 0 ? await db.inbox.where('itemId').anyOf(itemIds).toArray() : []
      // News on the resident's own signals is not about an item: those are found by their ids.
      const signalIds = incoming.flatMap((entry) => (entry.kind === 'signal' ? [entry.id] : []))
      const knownSignalNews = signalIds.length > 0 ? (await db.inbox.bulkGet(signalIds)).filter((entry) => entry !== undefined) : []
      await db.inbox.bulkPut(mergeInbox([...existing, ...knownSignalNews], incoming))
    }
    await db.meta.put({ key: INBOX_CURSOR_KEY, value: validCursor })
  })
}

/** New feedback the resident has not opened yet, newest first ("closed" notes are not news to count). */
export async function unreadFeedback(db: MeepraatDb): Promise<Extract<StoredInboxEntry, { kind: 'feedback' }>[]> {
  const entries = await db.inbox.filter((entry) => entry.kind === 'feedback' && entry.readAt === undefined).toArray()
  return entries.sort(newestFirst).flatMap((entry) => (entry.kind === 'feedback' ? [entry] : []))
}

/** Messages that are news to the resident: feedback, table news (selected, seat offered ...) and answers on their signals. */
export function isNews(entry: StoredInboxEntry): boolean {
  return entry.kind === 'feedback' || entry.kind === 'table' || entry.kind === 'signal'
}

/** What the municipality said about the resident's own signals, newest first. */
export async function signalNews(db: MeepraatDb): Promise<Extract<StoredInboxEntry, { kind: 'signal' }>[]> {
  const entries = await db.inbox.filter((entry) => entry.kind === 'signal').toArray()
  return entries.sort(newestFirst).flatMap((entry) => (entry.kind === 'signal' ? [entry] : []))
}

/** The resident saw the news on their signals: it no longer counts as unread. */
export async function markSignalNewsRead(db: MeepraatDb, now: Date = new Date()): Promise<number> {
  const readAt = now.toISOString()
  return db.inbox.filter((entry) => entry.kind === 'signal' && entry.readAt === undefined).modify({ readAt })
}

/** The number on the badge: feedback and table messages not opened yet ("closed" notes are not counted). */
export async function unreadCount(db: MeepraatDb): Promise<number> {
  return db.inbox.filter((entry) => isNews(entry) && entry.readAt === undefined).count()
}

/** Every message about one item, newest first. */
export async function inboxForItem(db: MeepraatDb, itemId: string): Promise<StoredInboxEntry[]> {
  const entries = await db.inbox.where('itemId').equals(itemId).toArray()
  return entries.sort(newestFirst)
}

/** All messages, newest first (Mijn inbreng groups them by item). */
export async function allInbox(db: MeepraatDb): Promise<StoredInboxEntry[]> {
  const entries = await db.inbox.toArray()
  return entries.sort(newestFirst)
}

/** The resident opened the item (or its message): everything about it counts as read. */
export async function markItemRead(db: MeepraatDb, itemId: string, now: Date = new Date()): Promise<number> {
  const readAt = now.toISOString()
  return db.inbox
    .where('itemId')
    .equals(itemId)
    .filter((entry) => entry.readAt === undefined)
    .modify({ readAt })
}

/** The in-app notice showed these entries; it will not show them again after a reload. */
export async function markNotified(db: MeepraatDb, ids: readonly string[], now: Date = new Date()): Promise<void> {
  if (ids.length === 0) return
  const notifiedAt = now.toISOString()
  await db.inbox
    .where('id')
    .anyOf([...ids])
    .filter((entry) => entry.notifiedAt === undefined)
    .modify({ notifiedAt })
}
