import { createPinia } from 'pinia'
import { createApp } from 'vue'
import '../styles/design-system'
import './embed.css'
import { useDb } from '../db/app-db'
import { getLocale } from '../db/meta-repo'
import { i18n, isLocale, loadLocale } from '../i18n'
import { useSyncStore } from '../stores/sync'
import EmbedApp from './EmbedApp.vue'
import { embedSlugOf } from './embed-slug'

/**
 * The widget a municipality frames on its website (`/embed/SLUG`): its own small page, without
 * the app's router, shell or service worker. It shares the residents' database and sync engine
 * (same origin), so answers go through the app's one outbox, exactly once.
 */
async function boot(): Promise<void> {
  try {
    const saved = await getLocale(useDb())
    const locale = isLocale(saved) ? saved : 'nl'
    await loadLocale(locale)
    i18n.setLocale(locale)
  } catch {
    i18n.setLocale('nl')
  }
  document.documentElement.lang = i18n.locale.value
  const app = createApp(EmbedApp, { slug: embedSlugOf(window.location.pathname) })
  const pinia = createPinia()
  app.use(pinia)
  useSyncStore(pinia).start()
  app.mount('#app')
}

void boot()
