import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { InboxEntry } from '../../shared/schemas/inbox'
import type { DeviceKeyPurpose } from '../auth/device-keys'
import type { Db } from '../db/client'
import { councilMeetings, currentAnswers, feedback, items, signals, tableDetails, tableSignups } from '../db/schema'
import { encodeCursor, readInOneSnapshot, writtenAfter, type ChangeCursor } from './change-cursor'
import { deviceMessagesOf } from './device-message-repo'
import { feedbackTimeline } from './item-repo'

/**
 * The inbox of one device: feedback on the items it gave input to or signed up for, their
 * closing, and table news (selection outcome, seat offers), committed after the cursor `since`
 * (everything without one), with the cursor for the next read. Entries and cursor come from one
 * snapshot (see `change-cursor.ts`): whatever commits later is in the next page. An unknown
 * device simply has an empty inbox.
 */
export async function inboxOf(db: Db, keys: InboxKeys, since: ChangeCursor | undefined, now: Date): Promise<{ entries: InboxEntry[]; cursor: string }> {
  return readInOneSnapshot(db, since, now, async (read) => ({ entries: await entriesOf(read.tx, keys, read.since, now), cursor: encodeCursor(read.next) }))
}

/**
 * The inbox reads each purpose under its own key (answers, sign-ups, interests, signals); it stores
 * nothing of its own, so it adds no key that could join them.
 */
export type InboxKeys = Pick<Record<DeviceKeyPurpose, string>, 'answers' | 'signups' | 'interests' | 'signals'>

async function entriesOf(db: Db, keys: InboxKeys, since: ChangeCursor | undefined, now: Date): Promise<InboxEntry[]> {
  const [answered, signedUp, messages, signalNews] = await Promise.all([
    db
      .select({ id: items.id, title: items.title, closesAt: items.closesAt, changed: writtenAfter(items.changeXid, since) })
      .from(currentAnswers)
      .innerJoin(items, eq(items.id, currentAnswers.itemId))
      .where(and(eq(currentAnswers.deviceKey, keys.answers), isNotNull(items.publishedAt))),
    db
      .select({ id: items.id, title: items.title, advicePublishedAt: tableDetails.advicePublishedAt, adviceIsNew: writtenAfter(tableDetails.adviceXid, since) })
      .from(tableSignups)
      .innerJoin(items, eq(items.id, tableSignups.itemId))
      .leftJoin(tableDetails, eq(tableDetails.itemId, items.id))
      .where(and(eq(tableSignups.deviceKey, keys.signups), ne(tableSignups.status, 'withdrawn'))),
    deviceMessagesOf(db, [keys.signups, keys.interests], since),
    signalNewsOf(db, keys.signals, since),
  ])
  const entries: InboxEntry[] = [...signalNews]
  const titles = new Map([...answered, ...signedUp].map((i) => [i.id, i.title]))
  if (messages.length > 0) {
    const missing = messages.map((m) => m.itemId).filter((id) => !titles.has(id))
    if (missing.length > 0) for (const r of await db.select({ id: items.id, title: items.title }).from(items).where(inArray(items.id, missing))) titles.set(r.id, r.title)
  }
  for (const m of messages) entries.push({ kind: 'table', id: `table:${m.id}`, itemId: m.itemId, itemTitle: titles.get(m.itemId) ?? '', at: m.at.toISOString(), status: m.kind })
  for (const t of signedUp) {
    const at = t.advicePublishedAt
    if (at && t.adviceIsNew === true) entries.push({ kind: 'table', id: `advice:${t.id}:${at.getTime()}`, itemId: t.id, itemTitle: t.title, at: at.toISOString(), status: 'advice_published' })
  }
  if (answered.length === 0 && signedUp.length === 0) return entries.sort((a, b) => a.at.localeCompare(b.at))
  const byId = new Map([...signedUp, ...answered].map((i) => [i.id, i]))
  // Every entry of these items, so the timeline can mark corrections; only new ones are sent.
  const rows = await db
    .select({ row: feedback, isNew: writtenAfter(feedback.createdXid, since) })
    .from(feedback)
    .where(inArray(feedback.itemId, [...byId.keys()]))
    .orderBy(asc(feedback.publishedAt))
  const newIds = new Set(rows.filter((r) => r.isNew === true).map((r) => r.row.id))
  const rowsByItem = new Map<string, (typeof rows)[number]['row'][]>()
  for (const { row } of rows) rowsByItem.set(row.itemId, [...(rowsByItem.get(row.itemId) ?? []), row])
  for (const [itemId, itemRows] of rowsByItem) {
    const title = byId.get(itemId)?.title ?? ''
    for (const f of feedbackTimeline(itemRows)) {
      if (newIds.has(f.id)) entries.push({ kind: 'feedback', id: `feedback:${f.id}`, itemId, itemTitle: title, at: f.publishedAt, feedback: f })
    }
  }
  for (const item of answered) {
    // Closed by the clock since the last read, or closed (or its closing moved) by a change committed since.
    const closedNow = item.closesAt <= now && (!since || item.closesAt > since.at || item.changed === true)
    if (closedNow) entries.push({ kind: 'closed', id: `closed:${item.id}:${item.closesAt.getTime()}`, itemId: item.id, itemTitle: item.title, at: item.closesAt.toISOString() })
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}

/**
 * The device's own signals whose status or response changed after the cursor (the triage sets
 * `change_xid` on exactly those changes): one entry for the status each is in now.
 */
async function signalNewsOf(db: Db, signalsKey: string, since: ChangeCursor | undefined): Promise<InboxEntry[]> {
  if (signalsKey === '') return []
  const rows = await db
    .select({
      id: signals.id,
      title: signals.title,
      status: signals.status,
      statusReason: signals.statusReason,
      response: signals.response,
      responseDueAt: signals.responseDueAt,
      updatedAt: signals.updatedAt,
      meetingStartsAt: councilMeetings.startsAt,
    })
    .from(signals)
    .leftJoin(councilMeetings, eq(councilMeetings.id, signals.meetingId))
    .where(and(eq(signals.deviceKey, signalsKey), ne(signals.status, 'received'), writtenAfter(signals.changeXid, since)))
  return rows.flatMap((r) =>
    r.status === 'received'
      ? []
      : [
          {
            kind: 'signal' as const,
            id: `signal:${r.id}:${r.status}`,
            signalId: r.id,
            signalTitle: r.title,
            at: r.updatedAt.toISOString(),
            status: r.status,
            response: r.response,
            reason: r.status === 'not_taken_up' ? r.statusReason : null,
            responseDueAt: r.responseDueAt.toISOString(),
            meetingStartsAt: r.meetingStartsAt ? r.meetingStartsAt.toISOString() : null,
          },
        ],
  )
}
