import { createPinia } from 'pinia'
import { createApp } from 'vue'
import '@utrecht/document-css/dist/index.css'
import '@utrecht/heading-1-css/dist/index.css'
import '@utrecht/heading-2-css/dist/index.css'
import '@utrecht/heading-3-css/dist/index.css'
import '@utrecht/paragraph-css/dist/index.css'
import '@utrecht/link-css/dist/index.css'
import '@utrecht/button-css/dist/index.css'
import '@utrecht/alert-css/dist/index.css'
import '@utrecht/form-field-css/dist/index.css'
import '@utrecht/form-fieldset-css/dist/index.css'
import '@utrecht/form-label-css/dist/index.css'
import '@utrecht/form-field-description-css/dist/index.css'
import '@utrecht/form-field-error-message-css/dist/index.css'
import '@utrecht/radio-button-css/dist/index.css'
import '@utrecht/checkbox-css/dist/index.css'
import '@utrecht/textarea-css/dist/index.css'
import '@utrecht/select-css/dist/index.css'
import '@utrecht/table-css/dist/index.css'
import './styles/tokens.css'
import './styles/global.css'
import App from './App.vue'
import { useDb } from './db/app-db'
import { getLocale } from './db/meta-repo'
import { i18n, isLocale, loadLocale } from './i18n'
import { createAppRouter } from './router'
import { useSyncStore } from './stores/sync'

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
