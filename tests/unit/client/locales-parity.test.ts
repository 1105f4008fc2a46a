import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Every language has every text with the same {placeholders}: a key missing in English would fall
// back to Dutch, a lost {count} would show a sentence without its number. Read as files, not
// imported, so a key that is in one file twice (JSON keeps the last silently) is caught too.
const LOCALES = new URL('../../../src/client/locales/', import.meta.url)
const PAIRS = [
  ['nl.json', 'en.json'],
  ['beheer-nl.json', 'beheer-en.json'],
] as const

function read(name: string): { raw: string; texts: Record<string, unknown> } {
  const raw = readFileSync(new URL(name, LOCALES), 'utf8')
  return { raw, texts: JSON.parse(raw) as Record<string, unknown> }
}

/** The {name}s a text fills in, sorted, each once. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort()
}

/** Keys as written in the file, in order, duplicates kept (a flat file: one `"key":` per line). */
function writtenKeys(raw: string): string[] {
  return [...raw.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*:/gm)].map((m) => JSON.parse(`"${m[1]}"`) as string)
}

describe('locale files', () => {
  for (const [source, translation] of PAIRS) {
    describe(`${source} and ${translation}`, () => {
      const nl = read(source)
      const other = read(translation)

      it('have exactly the same keys', () => {
        const nlKeys = Object.keys(nl.texts)
        const otherKeys = Object.keys(other.texts)
        expect(otherKeys.filter((k) => !(k in nl.texts)), `in ${translation} only`).toEqual([])
        expect(nlKeys.filter((k) => !(k in other.texts)), `in ${source} only`).toEqual([])
      })

      it('have the same {placeholders} per key', () => {
        const differ = Object.keys(nl.texts)
          .filter((key) => typeof other.texts[key] === 'string')
          .filter((key) => placeholders(String(nl.texts[key])).join() !== placeholders(String(other.texts[key])).join())
          .map((key) => `${key}: {${placeholders(String(nl.texts[key])).join('}, {')}} / {${placeholders(String(other.texts[key])).join('}, {')}}`)
        expect(differ).toEqual([])
      })

      it('are flat: every value a text, none empty or only spaces', () => {
        for (const { texts } of [nl, other]) {
          const bad = Object.entries(texts).filter(([, text]) => typeof text !== 'string' || text.trim() === '')
          expect(bad.map(([key]) => key)).toEqual([])
        }
      })

      it('name every key once', () => {
        for (const { raw, texts } of [nl, other]) {
          const written = writtenKeys(raw)
          expect(written.filter((key, i) => written.indexOf(key) !== i)).toEqual([])
          expect(written).toHaveLength(Object.keys(texts).length)
        }
      })
    })
  }

  it('keep the resident and back-office texts apart, so loading one never overwrites the other', () => {
    const resident = read('nl.json').texts
    const shared = Object.keys(read('beheer-nl.json').texts).filter((key) => key in resident)
    expect(shared).toEqual([])
  })
})
