import type { Category } from './categories'

export const FIRST_COME_VERSION = 'meepraat-first-come/1'

export interface FirstComeRegistrant {
  id: string
  categories: Category[]
}

/**
 * "First come, first served" with guaranteed seats: reserved seats go to the earliest sign-ups of
 * each category, the remaining seats to the earliest of everyone else. Input must be in arrival
 * order. The waitlist keeps arrival order.
 */
export function firstComeSelection(
  registrants: readonly FirstComeRegistrant[],
  quotas: { seats: number; reserved: { category: Category; seats: number }[] },
): { panel: string[]; waitlist: string[]; shortfalls: { category: Category; reserved: number; available: number }[] } {
  const chosen = new Set<string>()
  const shortfalls: { category: Category; reserved: number; available: number }[] = []
  for (const { category, seats } of quotas.reserved) {
    const already = registrants.filter((r) => chosen.has(r.id) && r.categories.includes(category)).length
    const candidates = registrants.filter((r) => !chosen.has(r.id) && r.categories.includes(category))
    const take = candidates.slice(0, Math.max(0, Math.min(seats - already, quotas.seats - chosen.size)))
    for (const r of take) chosen.add(r.id)
    const available = registrants.filter((r) => r.categories.includes(category)).length
    if (available < seats) shortfalls.push({ category, reserved: seats, available })
  }
  for (const r of registrants) {
    if (chosen.size >= quotas.seats) break
    chosen.add(r.id)
  }
  const panel = registrants.filter((r) => chosen.has(r.id)).map((r) => r.id)
  return { panel, waitlist: registrants.filter((r) => !chosen.has(r.id)).map((r) => r.id), shortfalls }
}
