import { describe, expect, it } from 'vitest'
import { draw, SelectionInputError } from '../../../../src/server/selection/draw'
import { CLIENT, countIn, people, randomFixture, skewed, skewedQuotas, YOUTH } from './fixtures'

describe('reserved seats', () => {
  it('are always filled when enough eligible people registered, over 300 random fixtures with overlapping categories', () => {
    let withShortfall = 0
    for (let f = 0; f < 300; f++) {
      const { registrants, quotas } = randomFixture(`fixture-${f}`)
      const result = draw({ seed: `seed-${f}`, registrants, quotas })
      expect(result.panel.length).toBe(Math.min(quotas.seats, registrants.length))
      expect(new Set([...result.panel, ...result.waitlist]).size).toBe(registrants.length)
      expect(result.panel.length + result.waitlist.length).toBe(registrants.length)
      for (const q of quotas.reserved) {
        const available = registrants.filter((r) => r.categories.includes(q.category)).length
        const onPanel = countIn(result.panel, registrants, q.category)
        expect(onPanel).toBeGreaterThanOrEqual(Math.min(q.seats, available))
        const shortfall = result.shortfalls.find((s) => s.category === q.category)
        if (available < q.seats) {
          withShortfall++
          expect(shortfall).toEqual({ category: q.category, reserved: q.seats, available })
          expect(onPanel).toBe(available) // everyone of that category is on the panel
        } else {
          expect(shortfall).toBeUndefined()
        }
      }
    }
    expect(withShortfall).toBeGreaterThan(10) // the fixtures do exercise shortfalls
  })

  it('puts every client on the panel and reports a shortfall when too few clients registered', () => {
    const registrants = people(30, (i) => (i < 2 ? [CLIENT] : []))
    const result = draw({ seed: 'short', registrants, quotas: { seats: 8, reserved: [{ category: CLIENT, seats: 4 }] } })
    expect(result.panel).toEqual(expect.arrayContaining(['p000', 'p001']))
    expect(result.panel).toHaveLength(8)
    expect(result.shortfalls).toEqual([{ category: CLIENT, reserved: 4, available: 2 }])
  })

  it('selects everyone when fewer people registered than there are seats', () => {
    const registrants = skewed.slice(0, 9)
    const result = draw({ seed: 'few', registrants, quotas: skewedQuotas })
    expect(result.panel.slice().sort()).toEqual(registrants.map((r) => r.id))
    expect(result.waitlist).toEqual([])
  })

  it('counts a young client for both reserved groups', () => {
    const registrants = people(20, (i) => (i < 2 ? [CLIENT, YOUTH] : []))
    const result = draw({ seed: 'both', registrants, quotas: { seats: 3, reserved: [{ category: CLIENT, seats: 2 }, { category: YOUTH, seats: 1 }] } })
    expect(result.panel).toEqual(expect.arrayContaining(['p000', 'p001']))
    expect(result.shortfalls).toEqual([])
  })

  it('refuses inconsistent quotas and duplicate ids with a clear message', () => {
    expect(() => draw({ seed: 's', registrants: skewed, quotas: { seats: 4, reserved: [{ category: CLIENT, seats: 3 }, { category: YOUTH, seats: 3 }] } })).toThrow(
      SelectionInputError,
    )
    expect(() => draw({ seed: 's', registrants: [...skewed, { id: 'p000', categories: [] }], quotas: skewedQuotas })).toThrow(/p000.*more than once/)
  })
})
