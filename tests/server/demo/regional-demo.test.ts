import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import type { ItemList } from '../../../src/shared/schemas/item'
import { createTestApp, type TestApp } from '../../support/test-app'

/** The demo shows one item for the whole IJmond region, in each member's app once. */
let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
  expect(await seedDemoIfEmpty(t.db, t.clock.now)).toBe(true)
})
afterAll(async () => t.close())

const feed = async (municipality: string) => ((await t.app.inject({ method: 'GET', url: `/api/items?municipality=${municipality}` })).json() as ItemList).items

describe('demo content with a regional item', () => {
  it('"Rondkomen met uw geld" is one IJmond item in each member\'s feed, and Westervoort keeps its own', async () => {
    const ids = new Set<string>()
    for (const member of ['beverwijk', 'heemskerk', 'velsen']) {
      const matches = (await feed(member)).filter((i) => i.title === 'Rondkomen met uw geld')
      expect(matches, member).toHaveLength(1)
      expect(matches[0]).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond' })
      ids.add(matches[0]!.id)
    }
    expect(ids.size).toBe(1)
    const westervoort = (await feed('westervoort')).filter((i) => i.title === 'Rondkomen met uw geld')
    expect(westervoort).toHaveLength(1)
    expect(westervoort[0]?.region).toBeUndefined()
    expect(ids.has(westervoort[0]!.id)).toBe(false)
  })
})
