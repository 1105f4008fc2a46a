import { nextTick } from 'vue'
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { beheerRoutes } from './beheer/routes'
import { useDb } from './db/app-db'
import { getMunicipality } from './db/meta-repo'
import { i18n, type MessageKey } from './i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; a page with a dynamic title sets it itself. */
    titleKey?: MessageKey
  }
}

/** Home needs a municipality; without one, the resident chooses first. */
async function requireMunicipality(): Promise<true | { name: string }> {
  try {
    return (await getMunicipality(useDb())) ? true : { name: 'choose' }
  } catch {
    // IndexedDB blocked (some private modes): let the home page show what it can.
    return true
  }
}

// Explicit table, every page lazy-loaded: the first route only carries what it shows.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), beforeEnter: requireMunicipality, meta: { titleKey: 'home.title' } },
  { path: '/kies-gemeente', name: 'choose', component: () => import('./pages/ChooseMunicipalityPage.vue'), meta: { titleKey: 'choose.title' } },
  { path: '/items/:id', name: 'item', component: () => import('./pages/ItemPage.vue'), props: true },
  { path: '/mijn-inbreng', name: 'my-input', component: () => import('./pages/MyInputPage.vue'), meta: { titleKey: 'myInput.title' } },
  { path: '/profiel', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { titleKey: 'profile.title' } },
  { path: '/jij-zei-wij-deden', name: 'you-said-we-did', component: () => import('./pages/YouSaidWeDidPage.vue'), meta: { titleKey: 'ysw.title' } },
  { path: '/benader-mij', name: 'contact-me', component: () => import('./pages/ContactMePage.vue'), meta: { titleKey: 'contactMe.title' } },
  { path: '/ouder-bevestigen', name: 'guardian-confirm', component: () => import('./pages/GuardianConfirmPage.vue'), meta: { titleKey: 'guardian.title' } },
  ...beheerRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
]

/** Sets the document title; pages with their own title (an item) call this too. */
export function setPageTitle(title: string): void {
  document.title = `${title} · ${i18n.t('app.name')}`
}

/**
 * After a page change, focus its h1 so screen-reader and keyboard users start at the new content
 * instead of somewhere in the old page. Not on first load: there the skip link comes first.
 */
function focusHeading(to: RouteLocationNormalized, from: RouteLocationNormalized): void {
  if (from.matched.length === 0 || to.path === from.path) return
  void nextTick(() => {
    const heading = document.querySelector<HTMLElement>('main h1')
    if (!heading) return
    heading.tabIndex = -1
    heading.focus()
  })
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  router.afterEach((to, from, failure) => {
    if (failure) return
    if (to.meta.titleKey) setPageTitle(i18n.t(to.meta.titleKey))
    focusHeading(to, from)
  })
  return router
}
