import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { InboxEntry } from '../../shared/schemas/inbox'
import type { Db } from '../db/client'
import { currentAnswers, feedback, items } from '../db/schema'
import { feedbackTimeline } from './item-repo'

/**
 * The inbox of one device: feedback on, and closing of, the items it gave input to, after
 * `since` (ms) up to `now`. An unknown device simply has an empty inbox.
 */
export async function inboxOf(db: Db, deviceKey: string, since: Date, now: Date): Promise<InboxEntry[]> {
  const answered = await db
    .select({ id: items.id, title: items.title, closesAt: items.closesAt })
    .from(currentAnswers)
    .innerJoin(items, eq(items.id, currentAnswers.itemId))
    .where(and(eq(currentAnswers.deviceKey, deviceKey), isNotNull(items.publishedAt)))
  if (answered.length === 0) return []
  const byId = new Map(answered.map((i) => [i.id, i]))
  const rows = await db
    .select()
    .from(feedback)
    .where(inArray(feedback.itemId, [...byId.keys()]))
    .orderBy(asc(feedback.publishedAt))
  const entries: InboxEntry[] = []
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

