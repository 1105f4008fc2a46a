import { createPinia } from 'pinia'
import { createApp } from 'vue'
import './styles/design-system'
import App from './App.vue'
import { useDb } from './db/app-db'
import { getLocale } from './db/meta-repo'
import { i18n, isLocale, loadLocale } from './i18n'
import { createAppRouter } from './router'
import { useSyncStore } from './stores/sync'

/** The residents' app. The back office is a separate app (beheer/main-beheer.ts) under /beheer. */
async function boot(): Promise<void> {
  // Restore the language before the first paint, so an English reader never sees a Dutch flash.
  try {
    const saved = await getLocale(useDb())
    const locale = isLocale(saved) ? saved : 'nl'
    await loadLocale(locale)
    i18n.setLocale(locale)
  } catch {
    i18n.setLocale('nl')
  }

  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(createAppRouter())
  useSyncStore(pinia).start()
  app.mount('#app')

  // Production only: a service worker in dev would serve stale modules.
  if (import.meta.env.PROD) {
    void import('./pwa/register-sw').then((module) => module.registerServiceWorker())
  }
}

void boot()
