import { createPinia } from 'pinia'
import { createApp } from 'vue'
import './styles/design-system'
import App from './App.vue'
import { useDb } from './db/app-db'
import { getLocale } from './db/meta-repo'
import { i18n, isLocale, loadFirstRouteTexts, loadLocale } from './i18n'
import { createAppRouter } from './router'
import { useSyncStore } from './stores/sync'
import type { SyncEngine } from './sync/sync-engine'

/** The routes whose texts come with the entry (scripts/vite/first-route-texts.ts: FIRST_ROUTE_PAGES). */
const FIRST_ROUTES = new Set(['home', 'item', 'choose'])

/**
 * Resolves once the page has loaded and the first sync (answers sent, items pulled) is done: what
 * is only for later (the service worker's precache of a few hundred KB) waits for it, so on a slow
 * connection it never shares the line with the first answer.
 */
function firstPageSettled(engine: SyncEngine): Promise<void> {
  const loaded =
    document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }))
  return loaded.then(() => engine.whenIdle())
}

/** The residents' app. The back office is a separate app (beheer/main-beheer.ts) under /beheer. */
async function boot(): Promise<void> {
  // Restore the language before the first paint, so an English reader never sees a Dutch flash.
  try {
    const saved = await getLocale(useDb())
    const locale = isLocale(saved) ? saved : 'nl'
    await loadFirstRouteTexts(locale)
    i18n.setLocale(locale)
  } catch {
    i18n.setLocale('nl')
  }

  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const router = createAppRouter()
  // The first routes' texts are built in; any other page waits for the rest (a lazy chunk,
  // precached, fetched only then: a first visit to a poll never downloads it), and offline
  // without it the page still opens with what is there. A first route's own lazy parts bring
  // it with them (withAllTexts).
  router.beforeEach((to) => (FIRST_ROUTES.has(String(to.name)) ? true : loadLocale(i18n.locale.value).then(() => true, () => true)))
  app.use(router)
  app.mount('#app')
  // The first page renders from the phone first; the first sync (reading the outbox, pulling
  // items) starts in a task of its own right after, so on a slow phone the two never add up to
  // one long task. Saving an answer starts it at once if it has not started yet.
  await router.isReady().catch(() => undefined)
  await new Promise((resolve) => setTimeout(resolve, 0))
  const engine = useSyncStore(pinia).start()
  const settled = firstPageSettled(engine)

  // Production only: a service worker in dev would serve stale modules.
  if (import.meta.env.PROD) {
    void settled.then(() => import('./pwa/register-sw')).then((module) => module.registerServiceWorker())
  }
}

void boot()
