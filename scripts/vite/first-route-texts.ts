/**
 * Dutch texts per route, split at build time: the residents' app ships the texts of
 * locales/nl.json that its first routes use (start-up, choosing a municipality, home, an item) in
 * the entry, and every other section in one lazy chunk, loaded before any other page opens or a
 * lazy part of a first route renders (a ranking, a table's sections), and not at all on a visit
 * that only answers a poll. The source file stays one file: which section goes where is decided here, by
 * reading the code the first routes import, so a text or section added later lands in the first
 * chunk as soon as a first-route file uses it and in the lazy chunk otherwise.
 *
 * The code uses a key when it holds it as a string literal (`'home.title'`, and then its `.one`
 * form too) or holds a prefix a key is built from (`` `errorCodes.${code}` ``, `'reason.' + code`).
 *
 * `vite` (dev) and vitest get every text in the first module and an empty rest, as before.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * The routes a resident's first visit opens on (the router's names), with the page each loads:
 * their texts come with the entry (here) and their code is preloaded beside it (vite.config.ts).
 * src/client/main.ts and public/theme-boot.js name the same routes; tests/unit/scripts/vite/first-routes.test.ts
 * keeps them and src/client/router.ts in line.
 */
export const FIRST_ROUTE_PAGES = { home: 'pages/HomePage.vue', item: 'pages/ItemPage.vue', choose: 'pages/ChooseMunicipalityPage.vue' } as const

/**
 * Lazy parts of a first route that every item shows (beside its share button), each with a text or
 * two: their texts come with the entry. Any other lazy part of a first route loads the rest of the
 * texts with its code (`withAllTexts` in src/client/i18n.ts; tests/unit/scripts/vite/first-route-texts.test.ts
 * holds every dynamic import of the first routes to one of the two).
 */
export const FIRST_SCREEN_LAZY_PARTS = ['components/content-language/ReadAloudButton.vue', 'components/content-language/ContentLanguageChoice.vue']

/** The modules the resident's first screens start from (the pages are lazy chunks of the router). */
export const FIRST_ROUTE_ENTRIES = ['main.ts', ...Object.values(FIRST_ROUTE_PAGES), ...FIRST_SCREEN_LAZY_PARTS]

export const FIRST_TEXTS_ID = 'virtual:meepraat-texts/first'
export const REST_TEXTS_ID = 'virtual:meepraat-texts/rest'

export type Texts = Record<string, string>

/** Relative specifiers of a module's value imports (`import type` and dynamic `import()` are not followed). */
export function staticRelativeImports(source: string): string[] {
  const found: string[] = []
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue
    found.push(m[3]!.replace(/\?.*$/, ''))
  }
  return found
}

function resolveModule(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')]) {
    if (/\.(ts|vue)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return undefined
}

/** Every .ts/.vue file reachable from `entries` through static relative imports, with its source. */
export function staticModuleGraph(entries: string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Map<string, string> {
  const sources = new Map<string, string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (sources.has(file)) continue
    const source = read(file)
    sources.set(file, source)
    for (const specifier of staticRelativeImports(source)) {
      const next = resolveModule(file, specifier)
      if (next) queue.push(next)
    }
  }
  return sources
}

/**
 * The keys the code can ask for: the string literals that look like a key (`'home.title'`), each
 * with its `.one` form, and the prefixes keys are built from (`` `phase.${phase}` ``, `'reason.' + code`).
 */
export function keyReferences(sources: Iterable<string>): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>()
  const prefixes = new Set<string>()
  const literal = /(['"`])([A-Za-z][\w-]*\.[\w.-]*|[A-Za-z][\w-]*\.?)(\1|\$\{)(\s*\+)?/g
  for (const source of sources) {
    for (const m of source.matchAll(literal)) {
      const [, , text, end, plus] = m
      if (end === '${' || plus) prefixes.add(text!)
      else if (text!.includes('.')) exact.add(text!).add(`${text}.one`)
    }
  }
  return { exact, prefixes: [...prefixes] }
}

/** The keys of `texts` that `sources` may ask for (see keyReferences). */
export function keysUsed(texts: Texts, sources: Iterable<string>): Set<string> {
  const { exact, prefixes } = keyReferences(sources)
  return new Set(Object.keys(texts).filter((key) => exact.has(key) || prefixes.some((prefix) => key.startsWith(prefix))))
}

/** Splits the texts by key; together the two halves are exactly `texts`. */
export function splitTexts(texts: Texts, firstKeys: Set<string>): { first: Texts; rest: Texts } {
  const first: Texts = {}
  const rest: Texts = {}
  for (const [key, text] of Object.entries(texts)) (firstKeys.has(key) ? first : rest)[key] = text
  return { first, rest }
}

/** The split for the app under `clientRoot` (src/client), as the build makes it. */
export function firstRouteSplit(clientRoot: string): { first: Texts; rest: Texts; files: string[] } {
  const texts = JSON.parse(readFileSync(path.join(clientRoot, 'locales/nl.json'), 'utf8')) as Texts
  const graph = staticModuleGraph(FIRST_ROUTE_ENTRIES.map((entry) => path.join(clientRoot, entry)))
  return { ...splitTexts(texts, keysUsed(texts, graph.values())), files: [...graph.keys()] }
}

const asModule = (texts: Texts) => `export default JSON.parse(${JSON.stringify(JSON.stringify(texts))})\n`

export function firstRouteTexts(clientRoot: string): Plugin {
  let split: { first: Texts; rest: Texts } | undefined
  let isBuild = false
  return {
    name: 'meepraat:first-route-texts',
    configResolved(config) {
      isBuild = config.command === 'build'
    },
    buildStart() {
      split = undefined
    },
    resolveId(id) {
      return id === FIRST_TEXTS_ID || id === REST_TEXTS_ID ? `\0${id}` : undefined
    },
    load(id) {
      if (id !== `\0${FIRST_TEXTS_ID}` && id !== `\0${REST_TEXTS_ID}`) return undefined
      const localeFile = path.join(clientRoot, 'locales/nl.json')
      this.addWatchFile(localeFile)
      if (!isBuild) {
        const texts = JSON.parse(readFileSync(localeFile, 'utf8')) as Texts
        return asModule(id === `\0${FIRST_TEXTS_ID}` ? texts : {})
      }
      if (!split) {
        const made = firstRouteSplit(clientRoot)
        for (const file of made.files) this.addWatchFile(file)
        split = made
      }
      return asModule(id === `\0${FIRST_TEXTS_ID}` ? split.first : split.rest)
    },
  }
}
