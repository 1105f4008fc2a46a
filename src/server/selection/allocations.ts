/**
 * Person types and panel allocations.
 *
 * Two registrants with the same quota-relevant features (category set, plus age band and area
 * when there are targets for them) are interchangeable for every rule of the draw, so the draw
 * first decides *how many* of each type sit on the panel (an "allocation") and only then *who*,
 * uniformly at random within each type. This module builds the types and searches the set of
 * admissible allocations: those that fill every reserved quota that can be filled and miss the
 * soft targets by the least possible total.
 */
import { solveLp, type LpRow } from './lp'
import { CATEGORIES, compareIds, type Category, type Quotas, type Registrant } from './model'

/** Registrants that are interchangeable for the draw. `memberIds` is sorted. */
export interface PersonType {
  key: string
  categories: Category[]
  /** The targeted age band, or null when there is no target for this person's band. */
  ageBand: string | null
  area: string | null
  memberIds: string[]
}

/** The integer problem "choose x_t of each type" in its canonical (input-order independent) form. */
export interface AllocationProblem {
  types: PersonType[]
  /** Panel size: min(seats, registrants). */
  seats: number
  /** Effective reserved seats: min(reserved, available) per category. */
  need: { category: Category; seats: number }[]
  ageBandTargets: [string, number][]
  areaTargets: [string, number][]
}

/** Builds the canonical problem; the result does not depend on the order of `registrants`. */
export function buildProblem(registrants: readonly Registrant[], quotas: Quotas): AllocationProblem {
  const ageBandTargets = Object.entries(quotas.targets?.ageBand ?? {}).sort((a, b) => compareIds(a[0], b[0]))
  const areaTargets = Object.entries(quotas.targets?.area ?? {}).sort((a, b) => compareIds(a[0], b[0]))
  const bandKeys = new Set(ageBandTargets.map(([k]) => k))
  const areaKeys = new Set(areaTargets.map(([k]) => k))
  const byKey = new Map<string, PersonType>()
  for (const r of registrants) {
    const categories = CATEGORIES.filter((c) => r.categories.includes(c))
    const ageBand = r.ageBand !== undefined && bandKeys.has(r.ageBand) ? r.ageBand : null
    const area = r.area !== undefined && areaKeys.has(r.area) ? r.area : null
    const key = JSON.stringify([categories, ageBand, area])
    let type = byKey.get(key)
    if (!type) {
      type = { key, categories, ageBand, area, memberIds: [] }
      byKey.set(key, type)
    }
    type.memberIds.push(r.id)
  }
  const types = [...byKey.values()].sort((a, b) => compareIds(a.key, b.key))
  for (const t of types) t.memberIds.sort(compareIds)
  const need = CATEGORIES.flatMap((category) => {
    const reserved = quotas.reserved.find((q) => q.category === category)?.seats ?? 0
    const available = registrants.filter((r) => r.categories.includes(category)).length
    return reserved > 0 ? [{ category, seats: Math.min(reserved, available) }] : []
  })
  return { types, seats: Math.min(quotas.seats, registrants.length), need, ageBandTargets, areaTargets }
}

/** Total absolute distance of an allocation from the soft targets (age bands plus areas). */
export function deviation(problem: AllocationProblem, counts: readonly number[]): number {
  let total = 0
  for (const [band, target] of problem.ageBandTargets) {
    const n = problem.types.reduce((s, t, i) => s + (t.ageBand === band ? (counts[i] ?? 0) : 0), 0)
    total += Math.abs(n - target)
  }
  for (const [area, target] of problem.areaTargets) {
    const n = problem.types.reduce((s, t, i) => s + (t.area === area ? (counts[i] ?? 0) : 0), 0)
    total += Math.abs(n - target)
  }
  return total
}

/** Branch-and-bound nodes after which we give up rather than hang a request. */
const NODE_LIMIT = 20_000

/**
 * Exact integer optimisation over admissible allocations by branch and bound, with the LP
 * relaxation (solved by our own simplex) as bound. The relaxation is nearly integral here (it
 * is a network problem apart from the two category rows), so trees stay tiny.
 * `weights === null` minimises the deviation instead (used to find the least deviation).
 */
function solveAllocation(
  problem: AllocationProblem,
  weights: readonly number[] | null,
  maxDeviation: number,
): { counts: number[]; value: number } | null {
  const T = problem.types.length
  const groups = [
    ...problem.ageBandTargets.map(([band, target]) => ({ target, members: problem.types.map((t) => t.ageBand === band) })),
    ...problem.areaTargets.map(([area, target]) => ({ target, members: problem.types.map((t) => t.area === area) })),
  ]
  const G = groups.length
  // Variables: x_0..x_{T-1}, then over_g and under_g for each targeted group.
  const width = T + 2 * G
  const objective = new Array<number>(width).fill(0)
  if (weights) for (let t = 0; t < T; t++) objective[t] = weights[t] ?? 0
  else for (let j = T; j < width; j++) objective[j] = -1
  const baseRows: LpRow[] = []
  const row = (fill: (j: number) => number, op: LpRow['op'], rhs: number): LpRow => ({ coefficients: Array.from({ length: width }, (_, j) => fill(j)), op, rhs })
  baseRows.push(row((j) => (j < T ? 1 : 0), '=', problem.seats))
  for (const need of problem.need) {
    baseRows.push(row((j) => (j < T && (problem.types[j] as PersonType).categories.includes(need.category) ? 1 : 0), '>=', need.seats))
  }
  groups.forEach((g, gi) => {
    baseRows.push(row((j) => (j < T ? (g.members[j] ? 1 : 0) : j === T + 2 * gi ? -1 : j === T + 2 * gi + 1 ? 1 : 0), '=', g.target))
  })
  if (weights && G > 0) baseRows.push(row((j) => (j >= T ? 1 : 0), '<=', maxDeviation))

  const lo = new Array<number>(T).fill(0)
  const hi = problem.types.map((t) => t.memberIds.length)
  let best = -Infinity
  let bestCounts: number[] | null = null
  let nodes = 0

  const isAdmissible = (x: number[]): boolean => {
    if (x.reduce((a, b) => a + b, 0) !== problem.seats) return false
    if (x.some((v, t) => v < 0 || v > (problem.types[t] as PersonType).memberIds.length)) return false
    for (const need of problem.need) {
      const n = x.reduce((s, v, t) => s + ((problem.types[t] as PersonType).categories.includes(need.category) ? v : 0), 0)
      if (n < need.seats) return false
    }
    return !weights || deviation(problem, x) <= maxDeviation
  }

  const visit = (): void => {
    if (++nodes > NODE_LIMIT) throw new Error('selection: the allocation search is too large (too many person types or targets)')
    const rows = baseRows.slice()
    for (let t = 0; t < T; t++) {
      rows.push(row((j) => (j === t ? 1 : 0), '<=', hi[t] as number))
      if ((lo[t] as number) > 0) rows.push(row((j) => (j === t ? 1 : 0), '>=', lo[t] as number))
    }
    const lp = solveLp(objective, rows)
    if (lp.status !== 'optimal' || lp.value <= best + 1e-9) return
    let branch = -1
    let frac = 0
    for (let t = 0; t < T; t++) {
      const v = lp.x[t] as number
      const f = Math.abs(v - Math.round(v))
      if (f > 1e-6 && f > frac + 1e-12) {
        frac = f
        branch = t
      }
    }
    if (branch < 0) {
      const x = lp.x.slice(0, T).map((v) => Math.round(v))
      if (!isAdmissible(x)) return
      const value = weights ? x.reduce((s, v, t) => s + v * (weights[t] ?? 0), 0) : -deviation(problem, x)
      if (value > best + 1e-12) {
        best = value
        bestCounts = x
      }
      return
    }
    const v = lp.x[branch] as number
    const [oldLo, oldHi] = [lo[branch] as number, hi[branch] as number]
    lo[branch] = Math.ceil(v)
    visit()
    lo[branch] = oldLo
    hi[branch] = Math.floor(v)
    visit()
    hi[branch] = oldHi
  }
  visit()
  return bestCounts === null ? null : { counts: bestCounts, value: best }
}

/**
 * The admissible allocation (seats filled, every effective reserved quota met, deviation from
 * the targets ≤ maxDeviation) that maximises Σ weights[t]·x_t; deterministic; null if none.
 */
export function bestAllocation(
  problem: AllocationProblem,
  weights: readonly number[],
  maxDeviation: number,
): { counts: number[]; value: number } | null {
  return solveAllocation(problem, weights, maxDeviation)
}

/** The least total deviation from the targets that any admissible allocation can reach. */
export function minimalDeviation(problem: AllocationProblem): number {
  if (problem.ageBandTargets.length === 0 && problem.areaTargets.length === 0) return 0
  const found = solveAllocation(problem, null, Infinity)
  if (found === null) throw new Error('selection: no allocation fills the reserved seats (this is a bug: validation should prevent it)')
  return -found.value
}
