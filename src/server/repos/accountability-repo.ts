import { and, asc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm'
import { FEEDBACK_DUE_SOON_DAYS, type FeedbackDueItem, type FeedbackFigures } from '../../shared/schemas/accountability'
import type { Db } from '../db/client'
import { feedback, items } from '../db/schema'
import { respondentCounts } from './result-counts'
import { signalFigures } from './signal-triage-repo'

const DAY_MS = 24 * 60 * 60 * 1000

/** Median of a list of numbers (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

async function closedItemsWithFirstFeedback(db: Db, municipality: string, now: Date) {
  const closed = await db
    .select({ id: items.id, closesAt: items.closesAt })
    .from(items)
    .where(and(eq(items.municipality, municipality), isNotNull(items.publishedAt), lte(items.closesAt, now)))
  if (closed.length === 0) return []
  const first = await db
    .select({ itemId: feedback.itemId, publishedAt: feedback.publishedAt })
    .from(feedback)
    .where(and(inArray(feedback.itemId, closed.map((c) => c.id)), isNull(feedback.correctsId), lte(feedback.publishedAt, now)))
    .orderBy(asc(feedback.publishedAt))
  const firstByItem = new Map<string, Date>()
  for (const f of first) if (!firstByItem.has(f.itemId)) firstByItem.set(f.itemId, f.publishedAt)
  return closed.map((c) => ({ ...c, firstFeedbackAt: firstByItem.get(c.id) ?? null }))
}

/**
 * Share of closed items with published feedback, and the median number of days from closing
 * to the first feedback (feedback given before closing counts as 0 days).
 */
export async function feedbackFigures(db: Db, municipality: string, now: Date): Promise<FeedbackFigures> {
  const closed = await closedItemsWithFirstFeedback(db, municipality, now)
  const withFeedback = closed.filter((c) => c.firstFeedbackAt)
  const days = withFeedback.map((c) => Math.max(0, ((c.firstFeedbackAt as Date).getTime() - c.closesAt.getTime()) / DAY_MS))
  const m = median(days)
  const signals = await signalFigures(db, municipality, now)
  return {
    closedItems: closed.length,
    closedWithFeedback: withFeedback.length,
    shareWithFeedback: closed.length === 0 ? null : withFeedback.length / closed.length,
    medianDaysToFirstFeedback: m === null ? null : Math.round(m * 10) / 10,
    signals,
  }
}

/** Published items without any feedback whose due date has passed or falls within 14 days. */
export async function feedbackDue(db: Db, municipality: string, now: Date): Promise<FeedbackDueItem[]> {
  const horizon = new Date(now.getTime() + FEEDBACK_DUE_SOON_DAYS * DAY_MS)
  const candidates = await db
    .select({ id: items.id, title: items.title, kind: items.kind, closesAt: items.closesAt, feedbackDueAt: items.feedbackDueAt })
    .from(items)
    .where(and(eq(items.municipality, municipality), isNotNull(items.publishedAt), lte(items.feedbackDueAt, horizon)))
    .orderBy(asc(items.feedbackDueAt))
  if (candidates.length === 0) return []
  const ids = candidates.map((c) => c.id)
  const [withFeedback, respondents] = await Promise.all([
    db.selectDistinct({ itemId: feedback.itemId }).from(feedback).where(inArray(feedback.itemId, ids)),
    respondentCounts(db, ids),
  ])
  const answered = new Set(withFeedback.map((f) => f.itemId))
  return candidates
    .filter((c) => !answered.has(c.id))
    .map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      closesAt: c.closesAt.toISOString(),
      feedbackDueAt: c.feedbackDueAt.toISOString(),
      overdue: c.feedbackDueAt <= now,
      respondents: respondents.get(c.id) ?? 0,
    }))
}
