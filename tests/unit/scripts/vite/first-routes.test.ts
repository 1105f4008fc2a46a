import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { FIRST_ROUTE_PAGES } from '../../../../scripts/vite/first-route-texts'

/**
 * The first routes are named in places that cannot import one list: FIRST_ROUTE_PAGES (read by
 * the build), the router's table, src/client/main.ts (which lets them open before the rest of the
 * texts) and public/theme-boot.js (a plain script that picks the route to preload from the address).
 */
const routerSource = readFileSync(new URL('../../../../src/client/router.ts', import.meta.url), 'utf8')
const mainSource = readFileSync(new URL('../../../../src/client/main.ts', import.meta.url), 'utf8')
const themeBoot = readFileSync(new URL('../../../../public/theme-boot.js', import.meta.url), 'utf8')
const NAMES = Object.keys(FIRST_ROUTE_PAGES) as (keyof typeof FIRST_ROUTE_PAGES)[]

/** The router's path and page per route name, read from its table. */
function routerTable(): Map<string, { path: string; page: string }> {
  const table = new Map<string, { path: string; page: string }>()
  for (const m of routerSource.matchAll(/\{ path: '([^']+)', name: '([\w-]+)', component: \(\) => import\('\.\/([^']+)'\)/g)) {
    table.set(m[2]!, { path: m[1]!, page: m[3]! })
  }
  return table
}

interface Appended {
  rel?: string
  href?: string
  id?: string
  attributes: Record<string, string>
}

/**
 * What theme-boot.js does for `pathname`, given the files of each first route: the links in <head>
 * in their final order, and everything it did in the order it did it (`storage` marks its
 * localStorage reads).
 */
function bootFor(pathname: string, themeRemembered: boolean, filesOf = (name: string) => [`/assets/${name}-A1b2.js`]): { head: Appended[]; steps: (Appended | 'storage')[] } {
  const appended: Appended[] = []
  const steps: (Appended | 'storage')[] = []
  const routes = Object.fromEntries(NAMES.map((name) => [name, filesOf(name)]))
  const hint = { themeClass: 'mp-theme-beverwijk', themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc' }
  const document = {
    documentElement: { classList: { add: () => undefined } },
    head: {
      appendChild: (element: Appended) => {
        appended.push(element)
        steps.push(element)
      },
      insertBefore: (element: Appended, before: Appended | null) => {
        appended.splice(before ? appended.indexOf(before) : appended.length, 0, element)
        steps.push(element)
      },
    },
    createElement: () => {
      const element: Appended = { attributes: {} }
      return Object.assign(element, { setAttribute: (name: string, value: string) => (element.attributes[name] = value) })
    },
    getElementById: (id: string) => (id === 'mp-route-preloads' ? { textContent: JSON.stringify(routes) } : null),
  }
  const localStorage = {
    getItem: (key: string) => {
      steps.push('storage')
      return themeRemembered && key === 'meepraat.theme' ? JSON.stringify(hint) : null
    },
  }
  vm.runInNewContext(themeBoot, { document, localStorage, location: { pathname } })
  return { head: appended, steps }
}

function linksFor(pathname: string, themeRemembered: boolean, filesOf?: (name: string) => string[]): Appended[] {
  return bootFor(pathname, themeRemembered, filesOf).head
}

/** The modulepreload links theme-boot.js adds for `pathname`, given one file per first route. */
function preloadsFor(pathname: string, themeRemembered: boolean): string[] {
  return linksFor(pathname, themeRemembered)
    .filter((element) => element.rel === 'modulepreload')
    .map((element) => element.href!)
}

describe('first routes', () => {
  it('are the router\'s routes with the same pages', () => {
    const table = routerTable()
    for (const name of NAMES) expect(table.get(name)?.page, name).toBe(FIRST_ROUTE_PAGES[name])
  })

  it('are the routes main.ts opens without the rest of the texts', () => {
    const listed = /const FIRST_ROUTES = new Set\(\[([^\]]*)\]\)/.exec(mainSource)?.[1]
    expect([...(listed ?? '').matchAll(/'([\w-]+)'/g)].map((m) => m[1]).sort()).toEqual([...NAMES].sort())
  })

  it('theme-boot.js preloads each first route at the router\'s address for it, and nothing elsewhere', () => {
    const table = routerTable()
    for (const name of NAMES) {
      const address = table.get(name)!.path.replace(/:\w+/g, 'abc123')
      // `/` opens home only for a resident who chose a municipality (its theme is remembered).
      expect(preloadsFor(address, name === 'home'), `${name} at ${address}`).toEqual([`/assets/${name}-A1b2.js`])
    }
    expect(preloadsFor('/', false)).toEqual(['/assets/choose-A1b2.js'])
    expect(preloadsFor('/items/abc123/', true)).toEqual(['/assets/item-A1b2.js'])
    expect(preloadsFor(table.get('profile')!.path, true)).toEqual([])
  })

  it('theme-boot.js adds the route\'s stylesheets as render-blocking stylesheets, which Vite\'s loader then finds and does not ask for again', () => {
    const links = linksFor('/items/abc123', true, (name) => [`/assets/${name}-A1b2.js`, `/assets/${name}-C3d4.css`, '/elsewhere/x.css'])
    const routeLinks = links.filter((link) => link.id !== 'mp-theme-css')
    expect(routeLinks.map((link) => [link.rel, link.href, link.attributes.blocking])).toEqual([
      ['modulepreload', '/assets/item-A1b2.js', undefined],
      ['stylesheet', '/assets/item-C3d4.css', 'render'],
    ])
  })

  it('theme-boot.js sends an item\'s preloads before its one localStorage read, which can hold the page for tens of milliseconds', () => {
    const { steps } = bootFor('/items/abc123', true, (name) => [`/assets/${name}-A1b2.js`, `/assets/${name}-C3d4.css`])
    expect(steps.map((step) => (step === 'storage' ? step : step.href))).toEqual([
      '/assets/item-A1b2.js',
      '/assets/item-C3d4.css',
      'storage',
      '/api/municipalities/beverwijk/theme.css?v=abc',
    ])
  })

  it('theme-boot.js reads localStorage once on `/`, where the remembered theme picks home or the choice', () => {
    const { steps } = bootFor('/', true)
    expect(steps.filter((step) => step === 'storage')).toHaveLength(1)
  })

  it('theme-boot.js puts the theme\'s stylesheet before the route\'s, as the cascade had it', () => {
    const links = linksFor('/items/abc123', true, (name) => [`/assets/${name}-A1b2.js`, `/assets/${name}-C3d4.css`])
    expect(links.filter((link) => link.rel === 'stylesheet').map((link) => link.href)).toEqual(['/api/municipalities/beverwijk/theme.css?v=abc', '/assets/item-C3d4.css'])
  })
})
