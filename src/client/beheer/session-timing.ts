/** The warning comes this long before the idle time-out (WCAG 2.2.1: a chance to extend). */
export const SESSION_WARNING_LEAD_MS = 2 * 60 * 1000

/**
 * When the session ends: the idle time-out counted from the server's last answer, or the fixed
 * end after sign-in if that comes first. Null when the server did not say (an older server).
 */
export function sessionEndsAt(answeredAt: number, idleSeconds: number | undefined, expiresAt: string | undefined): number | null {
  if (!idleSeconds) return null
  const idleEnd = answeredAt + idleSeconds * 1000
  const fixedEnd = expiresAt ? Date.parse(expiresAt) : Number.POSITIVE_INFINITY
  return Math.min(idleEnd, fixedEnd)
}
