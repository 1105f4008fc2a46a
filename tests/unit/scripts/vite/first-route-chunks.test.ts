import { describe, expect, it } from 'vitest'
import { firstRouteGroups } from '../../../../scripts/vite/first-route-chunks'

const ROOT = '/app/src/client'

/** A module graph: each module with its static and lazy imports (ids relative to src/client). */
function graphOf(modules: Record<string, { imports?: string[]; lazy?: string[] }>) {
  const full = (id: string) => `${ROOT}/${id}`
  return {
    getModuleInfo(id: string) {
      const m = modules[id.slice(ROOT.length + 1)]
      if (!m) return null
      return { importedIds: (m.imports ?? []).map(full), dynamicallyImportedIds: (m.lazy ?? []).map(full) } as never
    },
  }
}

const graph = graphOf({
  'main.ts': { imports: ['vue.js', 'db/dexie.js', 'sync/engine.js'], lazy: ['pages/HomePage.vue', 'pages/ItemPage.vue', 'pages/ChooseMunicipalityPage.vue'] },
  'pages/HomePage.vue': { imports: ['vue.js', 'item-card.js', 'shared-by-pages.js'] },
  'pages/ItemPage.vue': { imports: ['vue.js', 'answer-form.js', 'shared-by-pages.js', 'base-alert.js'], lazy: ['table-sections.js'] },
  'pages/ChooseMunicipalityPage.vue': { imports: ['vue.js', 'base-alert.js'] },
  'answer-form.js': { imports: ['question-types.js'] },
  'vue.js': {}, 'db/dexie.js': {}, 'sync/engine.js': {}, 'item-card.js': {}, 'shared-by-pages.js': {},
  'base-alert.js': {}, 'question-types.js': {}, 'table-sections.js': {},
})

describe('first-route chunks', () => {
  const groups = firstRouteGroups(ROOT)
  const groupOf = (id: string) => groups.groupOf(`${ROOT}/${id}`, graph)

  it('put what only one first-route page imports into that route\'s file, with what it imports in turn', () => {
    expect(groupOf('answer-form.js')).toBe('route-item')
    expect(groupOf('question-types.js')).toBe('route-item')
    expect(groupOf('item-card.js')).toBe('route-home')
  })

  it('put the residents\' own start-up code and what two pages share into the residents\' file', () => {
    expect(groupOf('sync/engine.js')).toBe('resident')
    expect(groupOf('shared-by-pages.js')).toBe('resident')
    expect(groupOf('base-alert.js')).toBe('resident')
  })

  it('put what the entry imports into the residents\' file, also when a page imports it too', () => {
    expect(groupOf('vue.js')).toBe('resident')
    expect(groupOf('db/dexie.js')).toBe('resident')
    expect(groupOf('base-alert.js')).toBe('resident') // two pages share it
  })

  it('leave the entry, the pages and what a page loads lazily in their own chunks', () => {
    expect(groupOf('main.ts')).toBeNull()
    expect(groupOf('pages/ItemPage.vue')).toBeNull()
    expect(groupOf('table-sections.js')).toBeNull()
  })
})
