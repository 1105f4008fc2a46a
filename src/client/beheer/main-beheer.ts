import { createPinia } from 'pinia'
import { createApp } from 'vue'
import '../styles/design-system'
import { i18n } from '../i18n'
import BeheerApp from './BeheerApp.vue'
import { savedBeheerLocale, switchBeheerLocale } from './beheer-locale'
import { createBeheerRouter } from './beheer-router'

/**
 * The back office: its own app under /beheer. Officials work online, so it starts no sync
 * engine, opens no residents' database and registers no service worker (the residents' worker
 * leaves /beheer to the network); everything it loads comes fresh from the server.
 */
async function boot(): Promise<void> {
  // Texts before the first paint, in the language the official chose last time.
  await switchBeheerLocale(savedBeheerLocale()).catch(() => i18n.setLocale('nl'))
  const app = createApp(BeheerApp)
  app.use(createPinia())
  app.use(createBeheerRouter())
  app.mount('#app')
}

void boot()
