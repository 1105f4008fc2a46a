import { describe, expect, it } from 'vitest'
import { draw, selectionProbabilities, type Quotas, type Registrant } from '../../../../src/server/selection/draw'
import { createPrng, shuffle } from '../../../../src/server/selection/prng'
import { CLIENT, people, skewed, skewedQuotas, YOUTH } from './fixtures'

const DRAWS = 10_000

/** How often each person is on the panel over `DRAWS` seeded draws. */
function empirical(registrants: Registrant[], quotas: Quotas, pick: (seed: string) => string[]): Map<string, number> {
  const hits = new Map(registrants.map((r) => [r.id, 0]))
  for (let i = 0; i < DRAWS; i++) for (const id of pick(`draw-${i}`)) hits.set(id, (hits.get(id) ?? 0) + 1)
  return new Map([...hits].map(([id, h]) => [id, h / DRAWS]))
}

/** Tolerance: 5 standard errors of a frequency over DRAWS draws (plus a floor for p near 0 or 1). */
const tolerance = (p: number): number => 5 * Math.sqrt(Math.max(p * (1 - p), 1e-3) / DRAWS)

/** The usual "greedy quota filling": fill each reserved group at random in turn, then the rest. */
function greedyPanel(seed: string, registrants: Registrant[], quotas: Quotas): string[] {
  const order = shuffle(createPrng(seed), registrants)
  const panel: Registrant[] = []
  for (const q of quotas.reserved) {
    for (const r of order) {
      if (panel.filter((m) => m.categories.includes(q.category)).length >= q.seats) break
      if (r.categories.includes(q.category) && !panel.includes(r)) panel.push(r)
    }
  }
  for (const r of order) if (panel.length < quotas.seats && !panel.includes(r)) panel.push(r)
  return panel.map((r) => r.id)
}

const summary = (p: Map<string, number>): { min: number; max: number } => ({ min: Math.min(...p.values()), max: Math.max(...p.values()) })

describe('fair chances (LEXIMIN)', () => {
  it('selectionProbabilities sum to the number of seats and match the frequencies of 10,000 draws', () => {
    const exact = selectionProbabilities(skewed, skewedQuotas)
    expect([...exact.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(12, 9)
    const freq = empirical(skewed, skewedQuotas, (seed) => draw({ seed, registrants: skewed, quotas: skewedQuotas }).panel)
    for (const [id, p] of exact) expect(Math.abs((freq.get(id) ?? 0) - p), id).toBeLessThan(tolerance(p))
  }, 30_000) // 10,000 draws, each hashing every registrant's ticket

  it('raises the smallest chance far above greedy quota filling in a skewed group (60 people, 12 seats)', () => {
    const exact = selectionProbabilities(skewed, skewedQuotas)
    const leximin = summary(exact)
    const greedy = summary(empirical(skewed, skewedQuotas, (seed) => greedyPanel(seed, skewed, skewedQuotas)))
    const ideal = skewedQuotas.seats / skewed.length
    console.log(
      `skewed fixture (60 registrants, 6 clients, 10 youths of whom 2 clients, 12 seats, 3+3 reserved): ideal ${ideal.toFixed(4)}; ` +
        `LEXIMIN min ${leximin.min.toFixed(4)} max ${leximin.max.toFixed(4)}; greedy min ${greedy.min.toFixed(4)} max ${greedy.max.toFixed(4)}`,
    )
    // Upper bound for any lottery: E[clients] ≥ 3 and the 2 young clients have p ≤ 1, so the other 4
    // clients fill ≥ 1 seat in expectation; then 12 ≥ 54·min + 3, i.e. min ≤ 1/6. LEXIMIN attains it.
    expect(leximin.min).toBeCloseTo(1 / 6, 6)
    // Greedy measured: min ≈ 0.142 (the 46 people in neither group), i.e. LEXIMIN is ~17% higher; it
    // cannot be more, because 1/6 is the optimum. Greedy wastes seats on clients who are not young.
    expect(leximin.min - greedy.min).toBeGreaterThan(0.02)
  })

  it('gives everyone the same chance, within statistical tolerance over 10,000 draws, when reserved seats are proportional', () => {
    const registrants = people(40, (i) => (i < 10 ? [CLIENT] : i < 20 ? [YOUTH] : []))
    const quotas: Quotas = { seats: 8, reserved: [{ category: CLIENT, seats: 2 }, { category: YOUTH, seats: 2 }] }
    const ideal = 8 / 40
    for (const p of selectionProbabilities(registrants, quotas).values()) expect(p).toBeCloseTo(ideal, 9)
    const freq = empirical(registrants, quotas, (seed) => draw({ seed, registrants, quotas }).panel)
    const s = summary(freq)
    console.log(`proportional fixture (40 registrants, 8 seats): ideal ${ideal}; empirical min ${s.min.toFixed(4)} max ${s.max.toFixed(4)}`)
    for (const [id, f] of freq) expect(Math.abs(f - ideal), id).toBeLessThan(tolerance(ideal))
  }, 30_000) // 10,000 draws, each hashing every registrant's ticket

  it('meets soft targets per age band and area when they are reachable, keeping the reserved seats', () => {
    const registrants = people(
      48,
      (i) => [...(i % 8 === 0 ? [CLIENT] : []), ...(i % 6 === 1 ? [YOUTH] : [])],
      (i) => ({ ageBand: ['16-23', '24-64', '65+'][i % 3] as string, area: ['Noord', 'Zuid'][Math.floor(i / 3) % 2] as string }),
    )
    const quotas: Quotas = { seats: 10, reserved: [{ category: CLIENT, seats: 2 }, { category: YOUTH, seats: 2 }], targets: { ageBand: { '16-23': 3, '24-64': 4, '65+': 3 }, area: { Noord: 5, Zuid: 5 } } }
    for (let i = 0; i < 50; i++) {
      const result = draw({ seed: `t-${i}`, registrants, quotas })
      expect(result.targetGaps).toEqual([])
      expect(result.shortfalls).toEqual([])
    }
    const s = summary(selectionProbabilities(registrants, quotas))
    console.log(`targets fixture (48 registrants, 10 seats, 3 age bands, 2 areas): ideal ${(10 / 48).toFixed(4)}; LEXIMIN min ${s.min.toFixed(4)} max ${s.max.toFixed(4)}`)
  })

  it('misses unreachable targets by the least possible total and reports the gaps', () => {
    const registrants = people(20, () => [], (i) => ({ ageBand: i < 2 ? 'young' : 'old' }))
    const quotas: Quotas = { seats: 6, reserved: [], targets: { ageBand: { young: 4, old: 2 } } }
    const result = draw({ seed: 'gap', registrants, quotas })
    expect(result.panel).toEqual(expect.arrayContaining(['p000', 'p001']))
    expect(result.targetGaps).toEqual([
      { dimension: 'ageBand', value: 'old', target: 2, selected: 4 },
      { dimension: 'ageBand', value: 'young', target: 4, selected: 2 },
    ])
  })
})
