import { Workbox } from 'workbox-window'
import { keepLoadedEnglishOffline } from './english-offline'
import { keepLoadedLookOffline } from './look-offline'
import { offerUpdate } from './update-state'

/**
 * Registers the service worker made by vite-plugin-pwa. A new version waits until the resident
 * agrees (UpdatePrompt); only then it takes over and the page reloads, so an answer being typed
 * is never lost to a silent reload.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const wb = new Workbox('/sw.js')
  // A first install takes the page over at once (clientsClaim); what loaded before went past it.
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate) return
    keepLoadedEnglishOffline()
    keepLoadedLookOffline()
  })
  wb.addEventListener('waiting', () => {
    offerUpdate(() => {
      wb.addEventListener('controlling', () => window.location.reload())
      wb.messageSkipWaiting()
    })
  })
  wb.register().catch((error: unknown) => console.warn('Service worker registration failed', error))
}
