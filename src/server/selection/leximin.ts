/**
 * LEXIMIN over person types (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021).
 *
 * We look for a probability distribution over admissible allocations (see `allocations.ts`)
 * whose induced selection probabilities are LEXIMIN-optimal: the smallest probability any
 * registrant has is as large as possible; subject to that, the next smallest; and so on.
 * A member of type t is selected with probability p_t = E[x_t] / n_t, since members are drawn
 * uniformly within their type, so it suffices to work with one value per type.
 *
 * Method (column generation, as in the paper, but over types instead of people):
 *   stage: maximise z subject to p_t ≥ z for every type not yet fixed and p_t ≥ f_t for fixed
 *   ones, over distributions on a growing set of allocations. The dual prices y_t give weights
 *   y_t / n_t; the exact search `bestAllocation` finds the allocation with the largest priced
 *   value; if it beats the dual's constant μ it is added and the LP solved again, otherwise the
 *   restricted LP is optimal for the full problem. Types with a positive dual price cannot get
 *   more than z in any optimum, so they are fixed at z; at least one is fixed per stage.
 * The final distribution has at most (types + 1) allocations with positive probability.
 */
import { bestAllocation, minimalDeviation, type AllocationProblem } from './allocations'
import { solveLp, type LpRow } from './lp'

/** A lottery over allocations, and the selection probability of a member of each type. */
export interface TypeDistribution {
  allocations: { counts: number[]; probability: number }[]
  typeProbabilities: number[]
}

const PRICE_EPS = 1e-9
const DUAL_EPS = 1e-7
/** Fixed values are lowered by this much so rounding can never make the next LP infeasible. */
const FIX_MARGIN = 1e-10

/** Computes the LEXIMIN lottery over admissible allocations for a canonical problem. */
export function leximinDistribution(problem: AllocationProblem): TypeDistribution {
  const T = problem.types.length
  const sizes = problem.types.map((t) => t.memberIds.length)
  const maxDeviation = minimalDeviation(problem)
  const first = bestAllocation(
    problem,
    sizes.map((n) => 1 / n),
    maxDeviation,
  )
  if (first === null) throw new Error('selection: no admissible allocation (this is a bug: validation should prevent it)')
  const columns: number[][] = [first.counts]
  const known = new Set<string>([first.counts.join(',')])
  const fixed = new Array<number | null>(T).fill(null)
  let weights: number[] = [1]

  const solveMaster = (): { z: number; lambda: number[]; y: number[]; mu: number } => {
    const P = columns.length
    const rows: LpRow[] = problem.types.map((_, t) => {
      const coefficients = columns.map((c) => (c[t] as number) / (sizes[t] as number))
      const f = fixed[t]
      if (f === null || f === undefined) return { coefficients: [...coefficients, -1], op: '>=', rhs: 0 }
      return { coefficients: [...coefficients, 0], op: '>=', rhs: f }
    })
    rows.push({ coefficients: [...columns.map(() => 1), 0], op: '=', rhs: 1 })
    const objective = [...columns.map(() => 0), 1]
    const result = solveLp(objective, rows)
    if (result.status !== 'optimal') throw new Error(`selection: LEXIMIN master LP is ${result.status} (numerical trouble)`)
    return {
      z: result.value,
      lambda: result.x.slice(0, P),
      // A ≥ row's shadow price is ≤ 0; the dual weight of "p_t ≥ …" is its negation.
      y: result.duals.slice(0, T).map((d) => Math.max(0, -d)),
      mu: result.duals[T] as number,
    }
  }

  while (fixed.some((f) => f === null)) {
    let master = solveMaster()
    for (;;) {
      const priced = bestAllocation(
        problem,
        master.y.map((y, t) => y / (sizes[t] as number)),
        maxDeviation,
      )
      if (priced === null || priced.value <= master.mu + PRICE_EPS) break
      const key = priced.counts.join(',')
      if (known.has(key)) break // numerically already optimal
      known.add(key)
      columns.push(priced.counts)
      master = solveMaster()
    }
    let progressed = false
    master.y.forEach((y, t) => {
      if (fixed[t] === null && y > DUAL_EPS) {
        fixed[t] = Math.max(0, master.z - FIX_MARGIN)
        progressed = true
      }
    })
    if (!progressed) {
      // Cannot happen for an exact dual (Σ y over unfixed types ≥ 1); guard against rounding.
      fixed.forEach((f, t) => {
        if (f === null) fixed[t] = Math.max(0, master.z - FIX_MARGIN)
      })
    }
    weights = master.lambda
  }

  // Clean rounding noise from the final lottery so that probabilities sum to exactly 1.
  const cleaned = weights.map((l) => (l > 1e-12 ? l : 0))
  const total = cleaned.reduce((s, l) => s + l, 0)
  const allocations = columns
    .map((counts, i) => ({ counts, probability: (cleaned[i] as number) / total }))
    .filter((a) => a.probability > 0)
  const typeProbabilities = sizes.map((n, t) => allocations.reduce((s, a) => s + a.probability * (a.counts[t] as number), 0) / n)
  return { allocations, typeProbabilities }
}
