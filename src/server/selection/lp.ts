/**
 * A small dense two-phase simplex solver, written here so the selection by lot has no
 * dependency whose results could change between versions (the draw must stay reproducible).
 *
 * It solves `maximise c·x subject to rows (a·x ≤|≥|= b), x ≥ 0` and also returns the shadow
 * prices (dual values) of the rows, which the LEXIMIN column generation needs. Pivoting uses
 * Bland's rule, which cannot cycle; the problems here are small (tens of rows), so its
 * slowness does not matter. Arithmetic is IEEE double, which is deterministic across
 * platforms for + − × ÷, so the same problem always gives the same answer.
 */

export type RowOp = '<=' | '>=' | '='

/** One linear constraint `coefficients · x  op  rhs`. */
export interface LpRow {
  coefficients: number[]
  op: RowOp
  rhs: number
}

export type LpResult =
  | { status: 'optimal'; x: number[]; value: number; duals: number[] }
  | { status: 'infeasible' }
  | { status: 'unbounded' }

const EPS = 1e-9
const MAX_PIVOTS = 200_000

/**
 * Maximises `objective · x` over `x ≥ 0` and the rows. `duals[i]` is the shadow price of row i
 * (the change of the optimum per unit increase of its right-hand side).
 */
export function solveLp(objective: readonly number[], rows: readonly LpRow[]): LpResult {
  const n = objective.length
  const m = rows.length
  // Column layout: [0, n) original, then one slack or surplus per inequality, then artificials.
  const flipped: boolean[] = []
  const ops: RowOp[] = []
  for (const row of rows) {
    const flip = row.rhs < 0
    flipped.push(flip)
    ops.push(flip ? (row.op === '<=' ? '>=' : row.op === '>=' ? '<=' : '=') : row.op)
  }
  const slackCount = ops.filter((op) => op !== '=').length
  const artificialCount = ops.filter((op) => op !== '<=').length
  const width = n + slackCount + artificialCount
  const artificialStart = n + slackCount
  const tableau: Float64Array[] = []
  const basis: number[] = []
  const unitColumn: number[] = []
  let nextSlack = n
  let nextArtificial = artificialStart
  for (let i = 0; i < m; i++) {
    const row = rows[i] as LpRow
    const sign = flipped[i] ? -1 : 1
    const line = new Float64Array(width + 1)
    for (let j = 0; j < n; j++) line[j] = sign * (row.coefficients[j] ?? 0)
    line[width] = sign * row.rhs
    const op = ops[i] as RowOp
    if (op === '<=') {
      line[nextSlack] = 1
      basis.push(nextSlack)
      unitColumn.push(nextSlack)
      nextSlack++
    } else {
      if (op === '>=') line[nextSlack++] = -1
      line[nextArtificial] = 1
      basis.push(nextArtificial)
      unitColumn.push(nextArtificial)
      nextArtificial++
    }
    tableau.push(line)
  }

  const reducedCosts = (cost: (j: number) => number): Float64Array => {
    const r = new Float64Array(width + 1)
    for (let j = 0; j <= width; j++) r[j] = j < width ? cost(j) : 0
    for (let i = 0; i < m; i++) {
      const cb = cost(basis[i] as number)
      if (cb === 0) continue
      const line = tableau[i] as Float64Array
      for (let j = 0; j <= width; j++) r[j] = (r[j] as number) - cb * (line[j] as number)
    }
    return r
  }

  let pivots = 0
  const pivot = (r: Float64Array, pr: number, pc: number): void => {
    if (++pivots > MAX_PIVOTS) throw new Error('solveLp: pivot limit reached')
    const prow = tableau[pr] as Float64Array
    const pv = prow[pc] as number
    for (let j = 0; j <= width; j++) prow[j] = (prow[j] as number) / pv
    prow[pc] = 1
    const eliminate = (line: Float64Array): void => {
      const f = line[pc] as number
      if (f === 0) return
      for (let j = 0; j <= width; j++) line[j] = (line[j] as number) - f * (prow[j] as number)
      line[pc] = 0
    }
    for (let i = 0; i < m; i++) if (i !== pr) eliminate(tableau[i] as Float64Array)
    eliminate(r)
    basis[pr] = pc
  }

  /** Runs simplex iterations on objective row r; columns >= limit may not enter. */
  const iterate = (r: Float64Array, limit: number): 'optimal' | 'unbounded' => {
    for (;;) {
      let pc = -1
      for (let j = 0; j < limit; j++) {
        if ((r[j] as number) > EPS) {
          pc = j
          break
        }
      }
      if (pc < 0) return 'optimal'
      let pr = -1
      let best = Infinity
      for (let i = 0; i < m; i++) {
        const line = tableau[i] as Float64Array
        const a = line[pc] as number
        if (a <= EPS) continue
        const ratio = (line[width] as number) / a
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && pr >= 0 && (basis[i] as number) < (basis[pr] as number))) {
          best = ratio
          pr = i
        }
      }
      if (pr < 0) return 'unbounded'
      pivot(r, pr, pc)
    }
  }

  // Phase 1: minimise the sum of artificials.
  if (artificialCount > 0) {
    const r1 = reducedCosts((j) => (j >= artificialStart ? -1 : 0))
    iterate(r1, width)
    // r1[width] is minus the phase-1 objective, i.e. the sum of the artificials still positive.
    if ((r1[width] as number) > 1e-7) return { status: 'infeasible' }
    // Drive artificials at level zero out of the basis where possible.
    for (let i = 0; i < m; i++) {
      if ((basis[i] as number) < artificialStart) continue
      const line = tableau[i] as Float64Array
      for (let j = 0; j < artificialStart; j++) {
        if (Math.abs(line[j] as number) > EPS) {
          pivot(r1, i, j)
          break
        }
      }
    }
  }

  // Phase 2: the real objective; artificials may no longer enter.
  const cost = (j: number): number => (j < n ? (objective[j] as number) : 0)
  const r2 = reducedCosts(cost)
  if (iterate(r2, artificialStart) === 'unbounded') return { status: 'unbounded' }

  const x = new Array<number>(n).fill(0)
  for (let i = 0; i < m; i++) {
    const b = basis[i] as number
    if (b < n) x[b] = Math.max(0, (tableau[i] as Float64Array)[width] as number)
  }
  let value = 0
  for (let j = 0; j < n; j++) value += (objective[j] as number) * (x[j] as number)
  // Shadow price of (flipped) row i is c_B B^-1 e_i = -(reduced cost of its unit column).
  const duals = unitColumn.map((u, i) => {
    const d = -(r2[u] as number)
    return flipped[i] ? -d : d
  })
  return { status: 'optimal', x, value, duals }
}
