import { LATE_SUBMISSION_GRACE_MS } from '../schemas/submission'
import type { ItemStatus } from '../schemas/item'

/** Whether an item takes answers at `now`: open from `opensAt` until `closesAt`. */
export function itemStatusAt(opensAt: Date, closesAt: Date, now: Date): ItemStatus {
  return now >= opensAt && now < closesAt ? 'open' : 'closed'
}

/**
 * The server's rule for an answer that arrives at `receivedAt`: on time while the item is open;
 * after closing only if it was given before closing and arrives within the grace period.
 */
export function acceptsAnswerAt(
  window: { opensAt: Date; closesAt: Date },
  answeredAt: Date,
  receivedAt: Date,
): 'ok' | 'item_not_open' | 'item_closed' {
  if (receivedAt < window.opensAt) return 'item_not_open'
  if (receivedAt < window.closesAt) return 'ok'
  const answeredInTime = answeredAt >= window.opensAt && answeredAt < window.closesAt
  const withinGrace = receivedAt.getTime() - window.closesAt.getTime() <= LATE_SUBMISSION_GRACE_MS
  return answeredInTime && withinGrace ? 'ok' : 'item_closed'
}
