import { describe, expect, it } from 'vitest'
import { appStartAssignment, firstRouteAssignment, type GroupAssignment } from '../../../../scripts/vite/first-route-chunks'

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

/** The group of a module (id relative to src/client), or null when the bundler decides. */
function groupsIn(assign: GroupAssignment, graph: ReturnType<typeof graphOf>) {
  const groups = assign(graph)
  return (id: string) => groups.get(`${ROOT}/${id}`) ?? null
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
  const groupOf = groupsIn(firstRouteAssignment(ROOT), graph)

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

describe('the back office\'s and the widget\'s start-up chunks', () => {
  const apps = graphOf({
    'beheer/main-beheer.ts': { imports: ['vue.js', 'beheer/shell.js'], lazy: ['beheer/page.vue'] },
    'beheer/page.vue': { imports: ['base-alert.js', 'item-card.js'] },
    'embed/main-embed.ts': { imports: ['vue.js', 'db/dexie.js', 'item-card.js'] },
    'vue.js': {}, 'beheer/shell.js': {}, 'db/dexie.js': {}, 'base-alert.js': {}, 'item-card.js': {},
  })
  const groupOf = groupsIn(appStartAssignment(ROOT, { beheer: 'beheer/main-beheer.ts', embed: 'embed/main-embed.ts' }), apps)

  it('put what an app starts with into one file per set of apps that start with it', () => {
    expect(groupOf('vue.js')).toBe('start-beheer-embed')
    expect(groupOf('db/dexie.js')).toBe('start-embed')
    expect(groupOf('beheer/shell.js')).toBe('start-beheer')
  })

  it('keep what the widget starts with and a back-office page loads later apart from the widget\'s database', () => {
    expect(groupOf('item-card.js')).toBe('start-beheer~later-embed')
    expect(groupOf('db/dexie.js')).toBe('start-embed')
  })

  it('leave the entries and what a page loads later to the bundler', () => {
    expect(groupOf('beheer/main-beheer.ts')).toBeNull()
    expect(groupOf('beheer/page.vue')).toBeNull()
    expect(groupOf('base-alert.js')).toBeNull()
  })
})
