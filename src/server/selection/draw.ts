/**
 * Selection by lot for tijdelijke tafels: a pure, reproducible, fair draw.
 *
 * 1. Registrants are sorted by id and grouped into interchangeable types (`allocations.ts`).
 * 2. The LEXIMIN lottery over admissible allocations is computed (`leximin.ts`). It is a
 *    deterministic function of the type counts and quotas, so it is cached.
 * 3. A PRNG seeded from the published seed picks one allocation from that lottery, then picks
 *    members uniformly within each type, then orders the panel and the waitlist at random.
 * Same seed and same registrants (in any order) therefore always give the same result, and
 * anyone can check a published draw with `verify-draw`.
 */
import { buildProblem, type AllocationProblem } from './allocations'
import { leximinDistribution, type TypeDistribution } from './leximin'
import {
  CATEGORIES,
  compareIds,
  validateSelectionInput,
  type Category,
  type DrawInput,
  type DrawResult,
  type Quotas,
  type Registrant,
  type Shortfall,
  type TargetGap,
} from './model'
import { createPrng, randomUnit, shuffle } from './prng'

export type { Category, DrawInput, DrawResult, Quotas, Registrant, Shortfall, TargetGap } from './model'
export { CATEGORIES, SelectionInputError } from './model'

/**
 * Names the exact procedure. Published with every draw; bump it whenever any change could give
 * a different panel for the same input, so that old records stay verifiable by old code.
 */
export const ALGORITHM_VERSION = 'meepraat-leximin-types/1'

const cache = new Map<string, TypeDistribution>()
const CACHE_LIMIT = 64

/** The LEXIMIN lottery for a problem, memoised on its canonical description. */
function distributionFor(problem: AllocationProblem): TypeDistribution {
  const key = JSON.stringify([problem.types.map((t) => [t.key, t.memberIds.length]), problem.seats, problem.need, problem.ageBandTargets, problem.areaTargets])
  const hit = cache.get(key)
  if (hit) return hit
  const computed = leximinDistribution(problem)
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, computed)
  return computed
}

function prepare(registrants: readonly Registrant[], quotas: Quotas): { problem: AllocationProblem; distribution: TypeDistribution } {
  validateSelectionInput(registrants, quotas)
  const sorted = registrants.slice().sort((a, b) => compareIds(a.id, b.id))
  const problem = buildProblem(sorted, quotas)
  return { problem, distribution: distributionFor(problem) }
}

/** Reserved quotas that cannot be met because too few people of the category registered. */
export function shortfallsFor(registrants: readonly Registrant[], quotas: Quotas): Shortfall[] {
  return CATEGORIES.flatMap((category) => {
    const reserved = quotas.reserved.find((q) => q.category === category)?.seats ?? 0
    const available = registrants.filter((r) => r.categories.includes(category)).length
    return available < reserved ? [{ category, reserved, available }] : []
  })
}

function targetGapsFor(panel: readonly Registrant[], quotas: Quotas): TargetGap[] {
  const gaps: TargetGap[] = []
  for (const dimension of ['ageBand', 'area'] as const) {
    const targets = Object.entries(quotas.targets?.[dimension] ?? {}).sort((a, b) => compareIds(a[0], b[0]))
    for (const [value, target] of targets) {
      const selected = panel.filter((r) => r[dimension] === value).length
      if (selected !== target) gaps.push({ dimension, value, target, selected })
    }
  }
  return gaps
}

/**
 * Draws a panel. Guarantees: the panel has min(seats, registrants) members; every reserved
 * quota is met whenever enough people of that category registered (otherwise all of them are
 * on the panel and `shortfalls` says so); soft targets are missed by the least possible total;
 * and each person's chance is LEXIMIN-optimal given those rules (`selectionProbabilities`).
 * Throws `SelectionInputError` for invalid input.
 */
export function draw(input: DrawInput): DrawResult {
  if (typeof input.seed !== 'string' || input.seed === '') throw new TypeError('draw: seed must be a non-empty string')
  const { problem, distribution } = prepare(input.registrants, input.quotas)
  const prng = createPrng(input.seed)

  // 1. One allocation from the lottery (a single uniform number against the cumulative weights).
  const u = randomUnit(prng)
  let chosen = distribution.allocations[distribution.allocations.length - 1]
  let cumulative = 0
  for (const allocation of distribution.allocations) {
    cumulative += allocation.probability
    if (u < cumulative) {
      chosen = allocation
      break
    }
  }
  const counts = chosen?.counts ?? problem.types.map(() => 0)

  // 2. Members uniformly at random within each type (types and members in canonical order).
  const selected: string[] = []
  const rest: string[] = []
  problem.types.forEach((type, t) => {
    const order = shuffle(prng, type.memberIds)
    const k = counts[t] ?? 0
    selected.push(...order.slice(0, k))
    rest.push(...order.slice(k))
  })
  selected.sort(compareIds)
  rest.sort(compareIds)

  // 3. Draw order of the panel and of the waitlist.
  const panel = shuffle(prng, selected)
  const waitlist = shuffle(prng, rest)
  const byId = new Map(input.registrants.map((r) => [r.id, r]))
  const panelPeople = panel.map((id) => byId.get(id)).filter((r): r is Registrant => r !== undefined)
  return {
    algorithmVersion: ALGORITHM_VERSION,
    panel,
    waitlist,
    shortfalls: shortfallsFor(input.registrants, input.quotas),
    targetGaps: targetGapsFor(panelPeople, input.quotas),
  }
}

/**
 * The exact probability that each registrant ends up on the panel under {@link draw}, computed
 * from the lottery itself (not sampled): p = E[members of the person's type] / type size.
 * Lets officials publish and check how fair a draw was before running it.
 */
export function selectionProbabilities(registrants: readonly Registrant[], quotas: Quotas): Map<string, number> {
  const { problem, distribution } = prepare(registrants, quotas)
  const result = new Map<string, number>()
  problem.types.forEach((type, t) => {
    for (const id of type.memberIds) result.set(id, distribution.typeProbabilities[t] ?? 0)
  })
  return result
}

/** Who replaces a member that withdrew, and whether the reserved quotas stay met. */
export interface Replacement {
  id: string
  /** False only when no one left on the waitlist can keep every reserved quota. */
  keepsQuotas: boolean
}

/**
 * The next suitable person on the waitlist when `withdrawnId` leaves `currentPanel`.
 * Suitable means: after the swap, every reserved category has at least
 * min(reserved, members it had before the withdrawal). The first suitable waitlisted person not
 * already on the panel is chosen; if nobody is suitable, the first person who leaves the fewest
 * reserved seats empty (`keepsQuotas: false`). Returns null when the waitlist is exhausted.
 */
export function nextReplacement(
  waitlist: readonly string[],
  withdrawnId: string,
  registrants: readonly Registrant[],
  quotas: Quotas,
  currentPanel: readonly string[],
): Replacement | null {
  const byId = new Map(registrants.map((r) => [r.id, r]))
  const categoriesOf = (id: string): Category[] => byId.get(id)?.categories ?? []
  const countIn = (ids: readonly string[], c: Category): number => ids.filter((id) => categoriesOf(id).includes(c)).length
  const remaining = currentPanel.filter((id) => id !== withdrawnId)
  const required = quotas.reserved.map((q) => ({ category: q.category, seats: Math.min(q.seats, countIn(currentPanel, q.category)) }))
  const reservedMet = (candidate: string): number =>
    quotas.reserved.reduce((s, q) => s + Math.min(q.seats, countIn(remaining, q.category) + (categoriesOf(candidate).includes(q.category) ? 1 : 0)), 0)
  const onPanel = new Set(currentPanel)
  const candidates = waitlist.filter((id) => id !== withdrawnId && !onPanel.has(id) && byId.has(id))
  for (const id of candidates) {
    const keeps = required.every((r) => countIn(remaining, r.category) + (categoriesOf(id).includes(r.category) ? 1 : 0) >= r.seats)
    if (keeps) return { id, keepsQuotas: true }
  }
  let best: string | null = null
  let bestScore = -1
  for (const id of candidates) {
    const score = reservedMet(id)
    if (score > bestScore) {
      best = id
      bestScore = score
    }
  }
  return best === null ? null : { id: best, keepsQuotas: false }
}
