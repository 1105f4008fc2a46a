import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { InboxEntry } from '../../shared/schemas/inbox'
import type { Db } from '../db/client'
import { currentAnswers, feedback, items, tableDetails, tableSignups } from '../db/schema'
import { deviceMessagesOf } from './device-message-repo'
import { feedbackTimeline } from './item-repo'

/**
 * The inbox of one device: feedback on the items it gave input to or signed up for, their
 * closing, and table news (selection outcome, seat offers), after
 * `since` (ms) up to `now`. An unknown device simply has an empty inbox.
 */
export async function inboxOf(db: Db, deviceKey: string, since: Date, now: Date): Promise<InboxEntry[]> {
  const [answered, signedUp, messages] = await Promise.all([
    db
      .select({ id: items.id, title: items.title, closesAt: items.closesAt })
      .from(currentAnswers)
      .innerJoin(items, eq(items.id, currentAnswers.itemId))
      .where(and(eq(currentAnswers.deviceKey, deviceKey), isNotNull(items.publishedAt))),
    db
      .select({ id: items.id, title: items.title, advicePublishedAt: tableDetails.advicePublishedAt })
      .from(tableSignups)
      .innerJoin(items, eq(items.id, tableSignups.itemId))
      .leftJoin(tableDetails, eq(tableDetails.itemId, items.id))
      .where(and(eq(tableSignups.deviceKey, deviceKey), ne(tableSignups.status, 'withdrawn'))),
    deviceMessagesOf(db, deviceKey, since, now),
  ])
  const entries: InboxEntry[] = []
  const titles = new Map([...answered, ...signedUp].map((i) => [i.id, i.title]))
  if (messages.length > 0) {
    const missing = messages.map((m) => m.itemId).filter((id) => !titles.has(id))
    if (missing.length > 0) for (const r of await db.select({ id: items.id, title: items.title }).from(items).where(inArray(items.id, missing))) titles.set(r.id, r.title)
  }
  for (const m of messages) entries.push({ kind: 'table', id: `table:${m.id}`, itemId: m.itemId, itemTitle: titles.get(m.itemId) ?? '', at: m.at.toISOString(), status: m.kind })
  for (const t of signedUp) {
    const at = t.advicePublishedAt
    if (at && at > since && at <= now) entries.push({ kind: 'table', id: `advice:${t.id}:${at.getTime()}`, itemId: t.id, itemTitle: t.title, at: at.toISOString(), status: 'advice_published' })
  }
  if (answered.length === 0 && signedUp.length === 0) return entries
  const byId = new Map([...signedUp, ...answered].map((i) => [i.id, i]))
  const rows = await db
    .select()
    .from(feedback)
    .where(inArray(feedback.itemId, [...byId.keys()]))
    .orderBy(asc(feedback.publishedAt))
  const rowsByItem = new Map<string, typeof rows>()
  for (const r of rows) rowsByItem.set(r.itemId, [...(rowsByItem.get(r.itemId) ?? []), r])
  for (const [itemId, itemRows] of rowsByItem) {
    const title = byId.get(itemId)?.title ?? ''
    for (const f of feedbackTimeline(itemRows)) {
      const at = new Date(f.publishedAt)
      if (at > since && at <= now) entries.push({ kind: 'feedback', id: `feedback:${f.id}`, itemId, itemTitle: title, at: f.publishedAt, feedback: f })
    }
  }
  for (const item of answered) {
    if (item.closesAt > since && item.closesAt <= now) {
      entries.push({ kind: 'closed', id: `closed:${item.id}:${item.closesAt.getTime()}`, itemId: item.id, itemTitle: item.title, at: item.closesAt.toISOString() })
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}

