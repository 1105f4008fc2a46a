/**
 * Selection by lot for tijdelijke tafels: a pure, reproducible, fair draw.
 *
 * 1. Registrants are sorted by id and grouped into interchangeable types (`allocations.ts`).
 * 2. The LEXIMIN lottery over admissible allocations is computed (`leximin.ts`). It is a
 *    deterministic function of the type counts and quotas, so it is cached.
 * 3. A PRNG seeded from the published seed picks one allocation from that lottery. Then (since
 *    version 2) every registrant gets a ticket, sha256(seed + ':' + their public key), and each
 *    type seats its members with the lowest tickets; panel and waitlist are in ticket order. So
 *    anyone can check the order from the seed and the published hashes alone, without knowing
 *    who is in which category. (Version 1 shuffled within types with the PRNG; kept to verify
 *    records made with it.)
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
import { createHash } from 'node:crypto'
import { createPrng, randomUnit, shuffle } from './prng'

export type { Category, DrawInput, DrawResult, Quotas, Registrant, Shortfall, TargetGap } from './model'
export { CATEGORIES, SelectionInputError } from './model'

/**
 * Names the exact procedure. Published with every draw; bump it whenever any change could give
 * a different panel for the same input, so that old records stay verifiable by old code.
 */
export const ALGORITHM_VERSION = 'meepraat-leximin-types/2'

/** The first version: members within a type and the final order came from the PRNG stream. */
export const ALGORITHM_VERSION_1 = 'meepraat-leximin-types/1'

/** The versions `draw` can run: the current one, and older ones to verify records made with them. */
export const KNOWN_ALGORITHM_VERSIONS: readonly string[] = [ALGORITHM_VERSION, ALGORITHM_VERSION_1]

/**
 * A registrant's ticket in a version-2 draw: hex sha256(seed + ':' + key), where the key is the
 * registrant's public hash. Lower tickets are seated first within a type and come first in the
 * panel and waitlist, so the order follows from the seed and the published hashes alone.
 */
export function ticketOf(seed: string, key: string): string {
  return createHash('sha256').update(`${seed}:${key}`, 'utf8').digest('hex')
}

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

  const version = input.algorithmVersion ?? ALGORITHM_VERSION
  if (!KNOWN_ALGORITHM_VERSIONS.includes(version)) throw new TypeError(`draw: unknown algorithm version "${version}"`)
  const { panel, waitlist } = version === ALGORITHM_VERSION_1 ? membersByShuffle(prng, problem, counts) : membersByTicket(input.seed, problem, counts, input.ticketKey ?? ((id) => id))
  const byId = new Map(input.registrants.map((r) => [r.id, r]))
  const panelPeople = panel.map((id) => byId.get(id)).filter((r): r is Registrant => r !== undefined)
  return {
    algorithmVersion: version,
    panel,
    waitlist,
    shortfalls: shortfallsFor(input.registrants, input.quotas),
    targetGaps: targetGapsFor(panelPeople, input.quotas),
  }
}

/** Version 1: members uniformly at random within each type, then the panel and waitlist shuffled, all from the PRNG. */
function membersByShuffle(prng: ReturnType<typeof createPrng>, problem: AllocationProblem, counts: readonly number[]): { panel: string[]; waitlist: string[] } {
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
  return { panel: shuffle(prng, selected), waitlist: shuffle(prng, rest) }
}

/**
 * Version 2: within each type the members with the lowest tickets are seated (uniform, as the
 * tickets are unpredictable before the seed is known); panel and waitlist are in ticket order.
 */
function membersByTicket(seed: string, problem: AllocationProblem, counts: readonly number[], ticketKey: (id: string) => string): { panel: string[]; waitlist: string[] } {
  const tickets = new Map<string, string>()
  for (const type of problem.types) for (const id of type.memberIds) tickets.set(id, ticketOf(seed, ticketKey(id)))
  const byTicket = (a: string, b: string): number => compareIds(tickets.get(a) as string, tickets.get(b) as string) || compareIds(a, b)
  const panel: string[] = []
  const waitlist: string[] = []
  problem.types.forEach((type, t) => {
    const order = type.memberIds.slice().sort(byTicket)
    const k = counts[t] ?? 0
    panel.push(...order.slice(0, k))
    waitlist.push(...order.slice(k))
  })
  return { panel: panel.sort(byTicket), waitlist: waitlist.sort(byTicket) }
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
