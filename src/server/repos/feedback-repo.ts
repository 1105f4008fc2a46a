import { and, eq } from 'drizzle-orm'
import type { FeedbackInput } from '../../shared/schemas/feedback'
import type { FeedbackTranslations } from '../../shared/schemas/content-language'
import type { Db } from '../db/client'
import { feedback } from '../db/schema'
import { touchItem } from './item-repo'

/**
 * Publishes a feedback entry (or a correction of one) and marks the item changed, so resident
 * feeds and device inboxes pick it up. History is never rewritten: a correction is a new entry.
 */
/** Another correction of the same entry won the race. */
export class AlreadyCorrectedError extends Error {}

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && ((error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505')

export async function publishFeedback(
  db: Db,
  input: { itemId: string; officialId: string; correctsId?: string; entry: FeedbackInput },
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feedback)
      .values({
        itemId: input.itemId,
        officialId: input.officialId,
        publishedAt: now,
        outcome: input.entry.outcome,
        summary: input.entry.summary,
        body: input.entry.body ?? null,
        decisionUrl: input.entry.decisionUrl ?? null,
        reason: input.entry.reason ?? null,
        recommendations: input.entry.recommendations ?? null,
        correctsId: input.correctsId ?? null,
        translations: input.entry.translations ?? {},
      })
      .returning({ id: feedback.id })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AlreadyCorrectedError('This entry was corrected already') : error
      })
    await touchItem(tx, input.itemId)
    return row!.id
  })
}

/** Whether `feedbackId` is an entry of this item that has not been corrected yet. */
export async function correctableFeedback(
  db: Db,
  itemId: string,
  feedbackId: string,
): Promise<{ state: 'ok'; translations: FeedbackTranslations } | { state: 'unknown' | 'already_corrected' }> {
  const [row] = await db.select({ id: feedback.id, translations: feedback.translations }).from(feedback).where(and(eq(feedback.id, feedbackId), eq(feedback.itemId, itemId)))
  if (!row) return { state: 'unknown' }
  const [correction] = await db.select({ id: feedback.id }).from(feedback).where(eq(feedback.correctsId, feedbackId))
  // The entry's translations come back with the state: a correction that keeps them as they were is no new translation.
  return correction ? { state: 'already_corrected' } : { state: 'ok', translations: row.translations }
}
