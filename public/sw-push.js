// Imported into the generated service worker (workbox importScripts). A Web Push message from
// the Meepraat server wakes the phone: the notification is in the resident's language (the
// server wrote the text in it), names the municipality, and a tap opens the item
// (sw-notification-click.js). The inbox stays where everything is; this only says "look".

/** The notification a push payload asks for; a payload that is not ours still says something. */
self.meepraatPushNotification = function (data) {
  const payload = data && typeof data === 'object' ? data : {}
  const english = payload.language === 'en' || (!payload.language && /^en\b/i.test(self.navigator.language || ''))
  const fallback = english ? 'There is news in Meepraat. Open the app to read it.' : 'Er is nieuws in Meepraat. Open de app om het te lezen.'
  const municipality = typeof payload.municipality === 'string' ? payload.municipality : ''
  const title = typeof payload.title === 'string' && payload.title ? payload.title : municipality || 'Meepraat'
  const url = typeof payload.url === 'string' && payload.url.startsWith('/') ? payload.url : '/'
  return {
    title,
    options: {
      body: typeof payload.body === 'string' && payload.body ? payload.body : fallback,
      lang: english ? 'en' : 'nl',
      // One notification per event kind and item: a newer one replaces the older.
      tag: `meepraat-${typeof payload.type === 'string' ? payload.type : 'news'}-${typeof payload.itemId === 'string' ? payload.itemId : 'app'}`,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url, type: payload.type, itemId: payload.itemId },
    },
  }
}

self.addEventListener('push', (event) => {
  let data
  try {
    data = event.data ? event.data.json() : undefined
  } catch {
    data = undefined
  }
  const { title, options } = self.meepraatPushNotification(data)
  event.waitUntil(self.registration.showNotification(title, options))
})
