import { describe, expect, it } from 'vitest'
import { draw, nextReplacement } from '../../../../src/server/selection/draw'
import { CLIENT, countIn, skewed, skewedQuotas } from './fixtures'

describe('nextReplacement', () => {
  it('offers the seat of a withdrawn client to the first waitlisted person who keeps the client quota', () => {
    for (let i = 0; i < 40; i++) {
      const result = draw({ seed: `r-${i}`, registrants: skewed, quotas: skewedQuotas })
      const clients = result.panel.filter((id) => skewed.find((r) => r.id === id)?.categories.includes(CLIENT))
      if (clients.length !== 3) continue // quota exactly met: leaving client must be replaced by a client
      const leaving = clients.find((id) => skewed.find((r) => r.id === id)?.categories.length === 1)
      if (leaving === undefined) continue // a young client leaving may need a young client, tested below
      const next = nextReplacement(result.waitlist, leaving, skewed, skewedQuotas, result.panel)
      expect(next?.keepsQuotas).toBe(true)
      const newPanel = [...result.panel.filter((id) => id !== leaving), next?.id as string]
      expect(countIn(newPanel, skewed, CLIENT)).toBe(3)
      const firstSuitable = result.waitlist.find((id) => skewed.find((r) => r.id === id)?.categories.includes(CLIENT))
      expect(next?.id).toBe(firstSuitable)
    }
  })

  it('says so when nobody on the waitlist can keep every reserved quota', () => {
    const registrants = skewed
    const result = draw({ seed: 'r-0', registrants, quotas: skewedQuotas })
    // Both young clients on the panel, quotas exactly met: if one leaves, no young client is left.
    const panel = ['p004', 'p005', 'p000', 'p006', ...result.waitlist.filter((id) => Number(id.slice(1)) >= 14).slice(0, 8)]
    const next = nextReplacement(result.waitlist.concat(result.panel).filter((id) => !panel.includes(id)), 'p004', registrants, skewedQuotas, panel)
    expect(next?.keepsQuotas).toBe(false)
  })

  it('takes simply the first on the waitlist when the leaving member holds no reserved seat', () => {
    const result = draw({ seed: 'plain', registrants: skewed, quotas: skewedQuotas })
    const leaving = result.panel.find((id) => skewed.find((r) => r.id === id)?.categories.length === 0) as string
    expect(nextReplacement(result.waitlist, leaving, skewed, skewedQuotas, result.panel)).toEqual({ id: result.waitlist[0], keepsQuotas: true })
  })
})
