import { describe, expect, it } from 'vitest'
import { ALGORITHM_VERSION, ALGORITHM_VERSION_1, draw, ticketOf, type Registrant } from '../../../../src/server/selection/draw'
import { createPrng, randomInt, shuffle } from '../../../../src/server/selection/prng'
import { permuted, skewed, skewedQuotas } from './fixtures'

describe('reproducibility', () => {
  it('gives the same panel and waitlist for the same seed and input', () => {
    const a = draw({ seed: 'gemeente-2026-03', registrants: skewed, quotas: skewedQuotas })
    const b = draw({ seed: 'gemeente-2026-03', registrants: skewed.map((r) => ({ ...r })), quotas: skewedQuotas })
    expect(b).toEqual(a)
  })

  it('does not depend on the order of the registrants (or of their categories)', () => {
    const a = draw({ seed: 'order', registrants: skewed, quotas: skewedQuotas })
    for (let k = 0; k < 5; k++) {
      const shuffledInput = permuted(skewed, `perm-${k}`).map((r) => ({ ...r, categories: r.categories.slice().reverse() }))
      const quotas = { ...skewedQuotas, reserved: skewedQuotas.reserved.slice().reverse() }
      expect(draw({ seed: 'order', registrants: shuffledInput, quotas })).toEqual(a)
    }
  })

  it('gives different panels for different seeds', () => {
    const panels = new Set(Array.from({ length: 20 }, (_, i) => draw({ seed: `seed-${i}`, registrants: skewed, quotas: skewedQuotas }).panel.join(',')))
    expect(panels.size).toBeGreaterThanOrEqual(19)
  })

  it('version 1 uses ids only through their order, so order-preserving stand-in labels give the same draw', () => {
    const relabel = (r: Registrant): Registrant => ({ ...r, id: `x-${r.id}` })
    const a = draw({ seed: 'labels', registrants: skewed, quotas: skewedQuotas, algorithmVersion: ALGORITHM_VERSION_1 })
    const b = draw({ seed: 'labels', registrants: skewed.map(relabel), quotas: skewedQuotas, algorithmVersion: ALGORITHM_VERSION_1 })
    expect(b.panel).toEqual(a.panel.map((id) => `x-${id}`))
    expect(b.waitlist).toEqual(a.waitlist.map((id) => `x-${id}`))
  })

  it('version 2 orders panel and waitlist by tickets from the seed and each public key, whatever the ids are', () => {
    const keyOf = (id: string) => `hash-of-${id.replace(/^x-/, '')}`
    const a = draw({ seed: 'tickets', registrants: skewed, quotas: skewedQuotas, ticketKey: keyOf })
    const b = draw({ seed: 'tickets', registrants: skewed.map((r) => ({ ...r, id: `x-${r.id}` })), quotas: skewedQuotas, ticketKey: keyOf })
    expect(a.algorithmVersion).toBe(ALGORITHM_VERSION)
    expect(b.panel).toEqual(a.panel.map((id) => `x-${id}`))
    expect(b.waitlist).toEqual(a.waitlist.map((id) => `x-${id}`))
    for (const list of [a.panel, a.waitlist]) {
      const tickets = list.map((id) => ticketOf('tickets', keyOf(id)))
      expect(tickets).toEqual(tickets.slice().sort())
    }
  })

  it('has a PRNG that is stable across releases and unbiased in small ranges', () => {
    const prng = createPrng('meepraat')
    const first = Array.from({ length: 3 }, () => prng.nextUint32())
    expect(createPrng('meepraat').nextUint32()).toBe(first[0])
    const counts = [0, 0, 0]
    const p = createPrng('dice')
    for (let i = 0; i < 30_000; i++) counts[randomInt(p, 3)]! += 1
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(30_000 * (1 / 3) * (2 / 3)))
    expect(shuffle(createPrng('s'), [1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4])
  })
})
