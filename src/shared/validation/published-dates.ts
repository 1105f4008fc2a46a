/**
 * What may happen to the dates of a published item. Residents, devices and the public feedback
 * figures rely on them: closing is done with "close" (never by moving the date into the past),
 * and the promised feedback date only moves later, with a reason residents see.
 */

/** Why a change of a published item's dates is refused; each is an error code of the API. */
export type PublishedDateProblem = 'closes_at_in_past' | 'feedback_due_earlier' | 'feedback_due_in_past' | 'feedback_delay_reason_required'

/** The edit form shows dates to the minute: a value within a minute of the stored one is no change. */
const SAME_WITHIN_MS = 60_000

/** Whether `next` is the stored date as the form shows it (datetime-local drops the seconds). */
export function isSameDate(stored: Date, next: Date): boolean {
  return Math.abs(next.getTime() - stored.getTime()) < SAME_WITHIN_MS
}

/** Whether the promised feedback date moves later: then a reason for residents is needed. */
export function feedbackDueMovesLater(storedDueAt: Date, nextDueAt: Date): boolean {
  return !isSameDate(storedDueAt, nextDueAt) && nextDueAt > storedDueAt
}

/** The first problem with changing a published item's dates, or null when the change may be stored. */
export function publishedDateProblem(
  stored: { closesAt: Date; feedbackDueAt: Date },
  next: { closesAt: Date; feedbackDueAt: Date; feedbackDelayReason?: string | undefined },
  now: Date,
): PublishedDateProblem | null {
  if (!isSameDate(stored.closesAt, next.closesAt) && next.closesAt <= now) return 'closes_at_in_past'
  if (isSameDate(stored.feedbackDueAt, next.feedbackDueAt)) return null
  if (next.feedbackDueAt < stored.feedbackDueAt) return 'feedback_due_earlier'
  if (next.feedbackDueAt <= now) return 'feedback_due_in_past'
  if (!next.feedbackDelayReason?.trim()) return 'feedback_delay_reason_required'
  return null
}
