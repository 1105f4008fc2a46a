import { createRequire } from 'node:module'
import { ThemeSettingsSchema, type ThemeSettings } from '../../shared/schemas/municipality-settings'

/**
 * Looks for the demo municipalities, built from the open example theme of NL Design System
 * (`@nl-design-system-unstable/voorbeeld-design-tokens`, EUPL-1.2): never a municipality's own,
 * protected house style. The values are read from the package, so they follow it on an update.
 */
type VoorbeeldTokens = Record<string, string | number | undefined>

const voorbeeld = createRequire(import.meta.url)('@nl-design-system-unstable/voorbeeld-design-tokens/dist/variables.json') as VoorbeeldTokens

function token(name: string): string {
  const value = voorbeeld[name]
  if (typeof value !== 'string') throw new Error(`voorbeeld design token ${name} is missing`)
  return value
}

/** The colours a theme is made of: the brand colour, a darker one for hover, a light tint, text on it. */
interface Palette {
  primary: string
  primaryDark: string
  primaryTint: string
  onPrimary: string
  link: string
  linkHover: string
}

/** The example theme as it is: violet buttons and header, blue links. */
const voorbeeldPalette = (): Palette => ({
  primary: token('utrechtButtonPrimaryActionBackgroundColor'),
  primaryDark: token('utrechtButtonPrimaryActionHoverBackgroundColor'),
  primaryTint: token('basisColorAccent1BgDefault'),
  onPrimary: token('utrechtButtonPrimaryActionColor'),
  link: token('utrechtLinkColor'),
  linkHover: token('utrechtLinkHoverColor'),
})

/** One colour scale of the example palette (`voorbeeldKleuren<Name><step>`). */
const scalePalette = (scale: 'Blauw' | 'Oranje'): Palette => ({
  primary: token(`voorbeeldKleuren${scale}500`),
  primaryDark: token(`voorbeeldKleuren${scale}600`),
  primaryTint: token(`voorbeeldKleuren${scale}100`),
  onPrimary: token('voorbeeldKleurenWit'),
  link: token(`voorbeeldKleuren${scale}500`),
  linkHover: token(`voorbeeldKleuren${scale}600`),
})

/** A palette as the tokens the app reads: `--meepraat-*` for our own parts, `--utrecht-*` for NL DS components. */
export function tokensOf(p: Palette): Record<string, string> {
  return {
    '--meepraat-color-primary': p.primary,
    '--meepraat-color-primary-dark': p.primaryDark,
    '--meepraat-color-primary-tint': p.primaryTint,
    '--meepraat-color-on-primary': p.onPrimary,
    '--meepraat-font-family': token('basisTextFontFamilyDefault'),
    '--utrecht-button-border-radius': token('utrechtButtonBorderRadius'),
    '--utrecht-button-primary-action-background-color': p.primary,
    '--utrecht-button-primary-action-border-color': p.primary,
    '--utrecht-button-primary-action-color': p.onPrimary,
    '--utrecht-button-primary-action-hover-background-color': p.primaryDark,
    '--utrecht-button-primary-action-hover-border-color': p.primaryDark,
    '--utrecht-button-primary-action-active-background-color': p.primaryDark,
    '--utrecht-button-secondary-action-border-color': p.primary,
    '--utrecht-button-secondary-action-color': p.primary,
    '--utrecht-link-color': p.link,
    '--utrecht-link-visited-color': p.link,
    '--utrecht-link-hover-color': p.linkHover,
    '--meepraat-color-focus': token('basisFocusOutlineColor'),
    '--meepraat-color-focus-inverse': token('basisFocusBackgroundColor'),
    '--utrecht-focus-outline-color': token('basisFocusOutlineColor'),
    '--utrecht-focus-inverse-outline-color': token('basisFocusBackgroundColor'),
  }
}

const DEMO_PALETTES: Record<string, () => Palette> = {
  beverwijk: voorbeeldPalette,
  velsen: () => scalePalette('Blauw'),
  heemskerk: () => scalePalette('Oranje'),
}

/**
 * The theme of a demo municipality. One without an entry (Westervoort) keeps the open Meepraat
 * theme, so the demo shows the default look next to three others.
 */
export function demoThemeFor(slug: string): ThemeSettings {
  const palette = DEMO_PALETTES[slug]
  return ThemeSettingsSchema.parse({ tokens: palette ? tokensOf(palette()) : {} })
}
