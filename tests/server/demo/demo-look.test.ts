import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { MunicipalityProfileSchema } from '../../../src/shared/schemas/municipality-settings'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  expect(await seedDemoIfEmpty(t.db, t.clock.now)).toBe(true)
})
afterAll(async () => t.close())

async function themeCssOf(slug: string): Promise<string> {
  const profile = MunicipalityProfileSchema.parse((await t.app.inject({ method: 'GET', url: `/api/municipalities/${slug}` })).json())
  return (await t.app.inject({ method: 'GET', url: profile.themeCssUrl })).body
}

describe('demo municipalities\' look', () => {
  it('seeds each demo municipality with its own theme from the open example tokens, Westervoort with the default', async () => {
    const primary = (css: string) => /--meepraat-color-primary: (#[0-9a-f]{6});/.exec(css)?.[1]
    const [beverwijk, velsen, heemskerk, westervoort] = await Promise.all(['beverwijk', 'velsen', 'heemskerk', 'westervoort'].map(themeCssOf))
    expect(primary(beverwijk!)).toBe('#5115ef')
    expect(new Set([primary(beverwijk!), primary(velsen!), primary(heemskerk!)]).size).toBe(3)
    expect(primary(westervoort!)).toBeUndefined()
  })
})
