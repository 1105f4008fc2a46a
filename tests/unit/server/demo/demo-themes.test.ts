import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { demoThemeFor } from '../../../../src/server/demo/demo-themes'
import { DEMO_MUNICIPALITIES } from '../../../../src/server/demo/demo-content'
import { ThemeSettingsSchema } from '../../../../src/shared/schemas/municipality-settings'

const voorbeeld = createRequire(import.meta.url)('@nl-design-system-unstable/voorbeeld-design-tokens/dist/variables.json') as Record<string, string>

describe('demoThemeFor', () => {
  it('gives Beverwijk the open example theme\'s own button, link and focus colours', () => {
    const { tokens } = demoThemeFor('beverwijk')
    expect(tokens['--utrecht-button-primary-action-background-color']).toBe(voorbeeld.utrechtButtonPrimaryActionBackgroundColor)
    expect(tokens['--meepraat-color-primary']).toBe(voorbeeld.utrechtButtonPrimaryActionBackgroundColor)
    expect(tokens['--utrecht-link-color']).toBe(voorbeeld.utrechtLinkColor)
    expect(tokens['--utrecht-focus-outline-color']).toBe(voorbeeld.basisFocusOutlineColor)
  })

  it('makes the demo municipalities look clearly different, and leaves one on the default Meepraat theme', () => {
    const primaries = DEMO_MUNICIPALITIES.map((m) => demoThemeFor(m.slug).tokens['--meepraat-color-primary'])
    const themed = primaries.filter((p) => p !== undefined)
    expect(new Set(themed).size).toBe(themed.length)
    expect(themed.length).toBeGreaterThanOrEqual(2)
    expect(demoThemeFor('westervoort').tokens).toEqual({})
  })

  it('only uses tokens and values the settings schema accepts', () => {
    for (const m of DEMO_MUNICIPALITIES) expect(ThemeSettingsSchema.safeParse(demoThemeFor(m.slug)).success).toBe(true)
  })
})
