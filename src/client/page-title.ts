import { nextTick } from 'vue'
import type { RouteLocationNormalized, Router } from 'vue-router'
import { i18n, type MessageKey } from './i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; a page with a dynamic title sets it itself. */
    titleKey?: MessageKey
  }
}

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

/** What both apps (residents' and back office) do after every page change: title and focus. */
export function followPageChanges(router: Router): void {
  router.afterEach((to, from, failure) => {
    if (failure) return
    if (to.meta.titleKey) setPageTitle(i18n.t(to.meta.titleKey))
    focusHeading(to, from)
  })
}
