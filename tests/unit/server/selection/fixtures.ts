import type { Category, Quotas, Registrant } from '../../../../src/server/selection/draw'
import { createPrng, randomInt } from '../../../../src/server/selection/prng'

export const CLIENT: Category = 'client_or_expert'
export const YOUTH: Category = 'youth'

/** n registrants p000…; `categoryOf(i)` gives each one's categories. */
export function people(n: number, categoryOf: (i: number) => Category[], extra: (i: number) => Partial<Registrant> = () => ({})): Registrant[] {
  return Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(3, '0')}`, categories: categoryOf(i), ...extra(i) }))
}

/** 60 registrants: 6 clients (p000–p005), 10 youths (p004–p013, so p004/p005 are young clients). */
export const skewed: Registrant[] = people(60, (i) => [...(i < 6 ? [CLIENT] : []), ...(i >= 4 && i < 14 ? [YOUTH] : [])])
export const skewedQuotas: Quotas = { seats: 12, reserved: [{ category: CLIENT, seats: 3 }, { category: YOUTH, seats: 3 }] }

/** A random but seeded fixture with overlapping categories and sometimes too few of a category. */
export function randomFixture(seed: string): { registrants: Registrant[]; quotas: Quotas } {
  const prng = createPrng(seed)
  const n = 1 + randomInt(prng, 40)
  const pClient = randomInt(prng, 5) / 10
  const pYouth = randomInt(prng, 5) / 10
  const registrants = people(n, () => [...(randomInt(prng, 100) < pClient * 100 ? [CLIENT] : []), ...(randomInt(prng, 100) < pYouth * 100 ? [YOUTH] : [])])
  const seats = 1 + randomInt(prng, 15)
  const rc = randomInt(prng, Math.floor(seats / 2) + 1)
  const ry = randomInt(prng, seats - rc + 1)
  return { registrants, quotas: { seats, reserved: [{ category: CLIENT, seats: rc }, { category: YOUTH, seats: ry }] } }
}

/** Deterministic permutation, for "input order does not matter". */
export function permuted<T>(items: readonly T[], seed: string): T[] {
  const prng = createPrng(seed)
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(prng, i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

export function countIn(ids: readonly string[], registrants: readonly Registrant[], c: Category): number {
  const set = new Set(ids)
  return registrants.filter((r) => set.has(r.id) && r.categories.includes(c)).length
}
