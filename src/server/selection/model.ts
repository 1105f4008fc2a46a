/**
 * The vocabulary of the selection by lot for tijdelijke tafels (temporary theme tables), and
 * the validation of its input. Kept apart from the algorithm so that the published draw
 * record, the API and the algorithm all speak the same types.
 */

/** Groups with reserved seats: clients/ervaringsdeskundigen, and youths. */
export type Category = 'client_or_expert' | 'youth'

/** All categories, in the canonical order used for sorting and type keys. */
export const CATEGORIES: readonly Category[] = ['client_or_expert', 'youth']

/** A person who registered interest in a table. `id` is opaque (a registration id or a hash). */
export interface Registrant {
  id: string
  categories: Category[]
  ageBand?: string
  area?: string
}

/**
 * What the panel must look like. `reserved` seats are hard lower bounds: at least `seats`
 * members of that category (a young client counts for both). `targets` are soft: the number of
 * members wanted per age band or area, met as closely as the reserved seats allow.
 */
export interface Quotas {
  seats: number
  reserved: { category: Category; seats: number }[]
  targets?: { ageBand?: Record<string, number>; area?: Record<string, number> }
}

export interface DrawInput {
  seed: string
  registrants: Registrant[]
  quotas: Quotas
  /** Which procedure to run; the current one when absent (older ones only to verify old records). */
  algorithmVersion?: string
  /** A registrant's public key for its ticket (version 2): its published hash. The id itself when absent. */
  ticketKey?: (id: string) => string
}

/** A reserved quota that could not be met because too few people of that category registered. */
export interface Shortfall {
  category: Category
  reserved: number
  available: number
}

/** A soft target that the panel misses (selected ≠ target). */
export interface TargetGap {
  dimension: 'ageBand' | 'area'
  value: string
  target: number
  selected: number
}

export interface DrawResult {
  algorithmVersion: string
  /** Panel member ids, in draw order. */
  panel: string[]
  /** Everyone else, in a seeded random order; see `nextReplacement`. */
  waitlist: string[]
  shortfalls: Shortfall[]
  targetGaps: TargetGap[]
}

/** Input the selection cannot work with; the message says what to fix. */
export class SelectionInputError extends Error {
  override name = 'SelectionInputError'
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

/** Throws a {@link SelectionInputError} for inconsistent registrants or quotas. */
export function validateSelectionInput(registrants: readonly Registrant[], quotas: Quotas): void {
  const fail = (message: string): never => {
    throw new SelectionInputError(message)
  }
  const ids = new Set<string>()
  for (const r of registrants) {
    if (typeof r.id !== 'string' || r.id === '') fail('every registrant needs a non-empty id')
    if (ids.has(r.id)) fail(`registrant id "${r.id}" occurs more than once`)
    ids.add(r.id)
    const seen = new Set<string>()
    for (const c of r.categories) {
      if (!CATEGORIES.includes(c)) fail(`registrant "${r.id}" has unknown category "${String(c)}"`)
      if (seen.has(c)) fail(`registrant "${r.id}" lists category "${c}" twice`)
      seen.add(c)
    }
  }
  if (!isCount(quotas.seats)) fail('quotas.seats must be a whole number ≥ 0')
  const reservedCategories = new Set<string>()
  let reservedTotal = 0
  for (const q of quotas.reserved) {
    if (!CATEGORIES.includes(q.category)) fail(`quotas.reserved: unknown category "${String(q.category)}"`)
    if (reservedCategories.has(q.category)) fail(`quotas.reserved: category "${q.category}" listed twice`)
    reservedCategories.add(q.category)
    if (!isCount(q.seats)) fail(`quotas.reserved: seats for "${q.category}" must be a whole number ≥ 0`)
    reservedTotal += q.seats
  }
  if (reservedTotal > quotas.seats) fail(`quotas.reserved: ${reservedTotal} reserved seats exceed the ${quotas.seats} seats of the table`)
  for (const dimension of ['ageBand', 'area'] as const) {
    for (const [value, n] of Object.entries(quotas.targets?.[dimension] ?? {})) {
      if (!isCount(n)) fail(`quotas.targets.${dimension}["${value}"] must be a whole number ≥ 0`)
    }
  }
}

/** Code-unit order, the same on every machine and locale (unlike `localeCompare`). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
