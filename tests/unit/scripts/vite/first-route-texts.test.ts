import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import nl from '../../../../src/client/locales/nl.json'
import { FIRST_SCREEN_LAZY_PARTS, firstRouteSplit, keyReferences, keysUsed, splitTexts, staticModuleGraph, staticRelativeImports } from '../../../../scripts/vite/first-route-texts'

const clientRoot = fileURLToPath(new URL('../../../../src/client', import.meta.url))

describe('first-route texts', () => {
  it('follows value imports and skips type-only and dynamic imports', () => {
    const source = [
      "import { a, type B } from './a'",
      "import type { C } from './c'",
      "import './styles/d'",
      "export { e } from '../e.ts'",
      "export type { F } from './f'",
      "const page = () => import('./pages/Lazy.vue')",
      "import {\n  g,\n  h,\n} from './gh?raw'",
      "import vue from 'vue'",
    ].join('\n')
    expect(staticRelativeImports(source)).toEqual(['./a', './styles/d', '../e.ts', './gh'])
  })

  it('counts literal keys with their singular form, and prefixes keys are built from', () => {
    const refs = keyReferences(["t('home.title')", 't(`phase.${phase}`)', "t('reason.' + code)", 'const x = "a.b"'])
    expect([...refs.exact].sort()).toEqual(['a.b', 'a.b.one', 'home.title', 'home.title.one'])
    expect(refs.prefixes.sort()).toEqual(['phase.', 'reason.'])
    const texts = { 'home.title': 'x', 'home.title.one': 'y', 'home.other': 'z', 'phase.open': 'o', 'reason.late': 'l', 'phases.x': 'no' }
    expect([...keysUsed(texts, ["t('home.title')", 't(`phase.${p}`)', "t('reason.' + c)"])].sort()).toEqual(['home.title', 'home.title.one', 'phase.open', 'reason.late'])
  })

  it('splits the Dutch texts into two halves that together are exactly the file, nothing twice', () => {
    const { first, rest } = firstRouteSplit(clientRoot)
    expect({ ...first, ...rest }).toEqual(nl)
    expect(Object.keys(first).filter((key) => key in rest)).toEqual([])
    expect(splitTexts({ a: '1', b: '2' }, new Set(['b']))).toEqual({ first: { b: '2' }, rest: { a: '1' } })
  })

  it('ships the texts the first screens use with the entry, and leaves the other pages\' texts out', () => {
    const { first, rest, files } = firstRouteSplit(clientRoot)
    expect(files.map((f) => path.relative(clientRoot, f))).toEqual(expect.arrayContaining(['main.ts', 'App.vue', 'pages/HomePage.vue', 'pages/ItemPage.vue', 'pages/ChooseMunicipalityPage.vue']))
    // Pages the router loads lazily are not followed.
    expect(files.map((f) => path.relative(clientRoot, f))).not.toContain('pages/MyDataPage.vue')
    for (const key of ['home.title', 'choose.title', 'answer.send', 'nav.home']) expect(first).toHaveProperty([key])
    expect(Object.keys(rest).some((key) => key.startsWith('table.'))).toBe(true)
    expect(Object.keys(first).some((key) => key.startsWith('table.'))).toBe(false)
  })

  it('gives every lazy part of a first route its texts: in the entry, or loaded with its code', () => {
    const { first, rest, files } = firstRouteSplit(clientRoot)
    const router = path.join(clientRoot, 'router.ts') // its pages wait for the texts in main.ts's navigation guard
    const unprovided: string[] = []
    const seen: string[] = []
    for (const file of files.filter((f) => f !== router)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(withAllTexts\(|lazyComponent\()?\(\) => import\('(\.{1,2}\/[^']+)'\)/g)) {
        const target = path.resolve(path.dirname(file), m[2]!)
        if (path.extname(target) === '.json') continue // a language's texts themselves
        const part = path.relative(clientRoot, /\.(vue|ts)$/.test(target) ? target : `${target}.ts`)
        seen.push(part)
        if (m[1] || FIRST_SCREEN_LAZY_PARTS.includes(part)) continue
        // Loaded bare: allowed only when it uses no text of the rest.
        const used = keysUsed(nl, staticModuleGraph([path.join(clientRoot, part)]).values())
        const missing = [...used].filter((key) => key in rest)
        if (missing.length > 0) unprovided.push(`${path.relative(clientRoot, file)} loads ${part} bare, which needs ${missing.slice(0, 3).join(', ')}`)
      }
    }
    expect(unprovided).toEqual([])
    // The check still finds the lazy parts it is about, each way they are loaded.
    expect(seen).toEqual(expect.arrayContaining(['components/table/TableItemSections.vue', 'question-types/ranking/AnswerRanking.vue', 'components/content-language/ReadAloudButton.vue', 'pwa/register-sw.ts']))
    // The parts every item shows have their texts in the entry.
    for (const key of ['contentLanguage.readAloud', 'contentLanguage.legend']) expect(first).toHaveProperty([key])
  })
})
