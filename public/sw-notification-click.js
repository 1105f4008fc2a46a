// Imported into the generated service worker (workbox importScripts). A tap on a Meepraat
// notification opens the item it is about, in an open app window when there is one.

/** Opens what a notification is about; the click handler below and the browser test call this. */
self.meepraatOpenNotification = function (notification) {
  notification.close()
  const path = notification.data && typeof notification.data.url === 'string' ? notification.data.url : '/'
  const url = new URL(path, self.location.origin)
  if (url.origin !== self.location.origin) return Promise.resolve(null)
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    for (const client of windows) {
      // focus() is allowed only while handling the click; the window has the item either way.
      if ('focus' in client && 'navigate' in client) return client.navigate(url.href).then((c) => (c || client).focus().catch(() => c || client))
    }
    return self.clients.openWindow(url.href)
  })
}

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(self.meepraatOpenNotification(event.notification))
})
