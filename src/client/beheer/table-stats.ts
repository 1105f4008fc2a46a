import { SIGNUP_STATUSES, YOUTH_AGE_BANDS, type SignupStatus, type TableAssignment } from '../../shared/schemas/table'
import type { DrawSummary, OfficialSignup } from '../../shared/schemas/table'

/** The reserved-seat categories, as the server names them in shortfalls. */
export const SEAT_CATEGORIES = ['client_or_expert', 'youth'] as const
export type SeatCategory = (typeof SEAT_CATEGORIES)[number]

/** Which reserved-seat categories a sign-up counts for (same rule as the server's selection). */
export function categoriesOf(signup: Pick<OfficialSignup, 'roles' | 'ageBand'>): SeatCategory[] {
  const out: SeatCategory[] = []
  if (signup.roles.includes('client') || signup.roles.includes('experience_expert')) out.push('client_or_expert')
  if ((YOUTH_AGE_BANDS as readonly string[]).includes(signup.ageBand)) out.push('youth')
  return out
}

export function countByStatus(signups: readonly OfficialSignup[]): Record<SignupStatus, number> {
  const counts = Object.fromEntries(SIGNUP_STATUSES.map((s) => [s, 0])) as Record<SignupStatus, number>
  for (const s of signups) counts[s.status] += 1
  return counts
}

/** Sign-ups that still take part (not withdrawn) per reserved-seat category, against the guaranteed seats. */
export function countByCategory(signups: readonly OfficialSignup[], assignment: TableAssignment | undefined) {
  const active = signups.filter((s) => s.status !== 'withdrawn')
  const reserved: Record<SeatCategory, number> = { client_or_expert: assignment?.reserved.clientOrExpert ?? 0, youth: assignment?.reserved.youth ?? 0 }
  return SEAT_CATEGORIES.map((category) => ({ category, signedUp: active.filter((s) => categoriesOf(s).includes(category)).length, reserved: reserved[category] }))
}

/**
 * After a reload the draw's own answer is gone; the statuses tell the same story: who is on the
 * panel and the waitlist, and which guaranteed seats are not filled by a member now.
 */
export function outcomeFromSignups(signups: readonly OfficialSignup[], assignment: TableAssignment): DrawSummary {
  const panel = signups.filter((s) => s.status === 'selected')
  const reserved: Record<SeatCategory, number> = { client_or_expert: assignment.reserved.clientOrExpert, youth: assignment.reserved.youth }
  const shortfalls = SEAT_CATEGORIES.flatMap((category) => {
    const filled = panel.filter((s) => categoriesOf(s).includes(category)).length
    return reserved[category] > 0 && filled < reserved[category] ? [{ category, reserved: reserved[category], available: filled }] : []
  })
  return { panel: panel.length, waitlist: signups.filter((s) => s.status === 'waitlisted').length, shortfalls }
}
