import type { Feedback } from '../../../shared/schemas/feedback'

/** Feedback newest first, compared as instants (offsets may differ), then by id for a stable order. */
export function feedbackNewestFirst(feedback: readonly Feedback[]): Feedback[] {
  return [...feedback].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.id.localeCompare(b.id))
}

/** The message that stands now: the newest one that no later message corrected. */
export function latestFeedback(feedback: readonly Feedback[]): Feedback | undefined {
  return feedbackNewestFirst(feedback).find((entry) => entry.correctedById === undefined)
}

/**
 * Joins feedback known from two places (the item feed and the device inbox) by id. The item's
 * copy wins when both have it: it is the fresher one and knows about later corrections.
 */
export function joinFeedback(fromItem: readonly Feedback[], fromInbox: readonly Feedback[]): Feedback[] {
  const byId = new Map(fromInbox.map((entry) => [entry.id, entry]))
  for (const entry of fromItem) byId.set(entry.id, entry)
  return feedbackNewestFirst([...byId.values()])
}
