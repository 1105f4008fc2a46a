import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// The back office's texts (beheer-*.json) load with its first page, so a resident page that used
// one would show the raw key. MessageKey accepts both sets (there is one translator); this keeps
// resident code to its own.
const CLIENT = new URL('../../../src/client/', import.meta.url).pathname

/**
 * The builder side of the question types lives beside their resident side (one folder per type)
 * but is loaded only by the back office, through builder-registry.ts.
 */
const BACK_OFFICE_FILE = /(^|\/)(builder-[^/]*\.ts|[A-Z]\w*Settings\.vue)$|\/question-types\/builder\//

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'beheer' || entry.name === 'locales' ? [] : sources(path)
    return /\.(ts|vue)$/.test(entry.name) && !BACK_OFFICE_FILE.test(path) ? [path] : []
  })
}

describe('resident texts', () => {
  it('resident code outside src/client/beheer uses no back-office text', () => {
    const files = sources(CLIENT)
    expect(files.length).toBeGreaterThan(50)
    const uses = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"`](beheer\.[^'"`$]*)/g)].map((m) => `${relative(CLIENT, file)}: ${m[1]}`),
    )
    expect(uses).toEqual([])
  })
})
