import { createHash } from 'node:crypto'
import { ThemeTokenNameSchema, ThemeTokenValueSchema } from '../../shared/schemas/municipality-settings'

/** The class on the root element that switches the page to a municipality's theme. */
export function themeClassOf(slug: string): string {
  return `mp-theme-${slug}`
}

/** A short content hash (SHA-256, base64url) that versions a URL, so a changed file gets a new one. */
export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 22)
}

/** Quotes must pair up, so a value can never open a string that swallows the next declaration. */
function quotesBalanced(value: string): boolean {
  return (value.match(/'/g)?.length ?? 0) % 2 === 0 && (value.match(/"/g)?.length ?? 0) % 2 === 0
}

/**
 * Keeps only tokens that are still valid now: settings were validated when saved, but a stored
 * document may predate a tightened rule, and what we print into CSS must never load or run anything.
 */
export function safeTokens(tokens: Record<string, string>): Array<[string, string]> {
  return Object.entries(tokens)
    .filter(([name, value]) => ThemeTokenNameSchema.safeParse(name).success && ThemeTokenValueSchema.safeParse(value).success && quotesBalanced(value))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The stylesheet of a municipality's theme: its tokens as custom properties under its theme class.
 * `:root.mp-theme-x` outranks the default theme's `:root`, whichever stylesheet loads last.
 */
export function themeCss(slug: string, tokens: Record<string, string>): string {
  const cls = themeClassOf(slug)
  const lines = safeTokens(tokens).map(([name, value]) => `  ${name}: ${value};`)
  return `/* Meepraat theme of ${slug}: design tokens only. */\n:root.${cls},\n.${cls} {\n${lines.join('\n')}\n}\n`
}
