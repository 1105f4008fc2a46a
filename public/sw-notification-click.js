// Imported into the generated service worker (workbox importScripts). A tap on a Meepraat
// notification opens the item it is about, in an open app window when there is one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const path = event.notification.data && typeof event.notification.data.url === 'string' ? event.notification.data.url : '/'
  const url = new URL(path, self.location.origin)
  if (url.origin !== self.location.origin) return
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if ('focus' in client && 'navigate' in client) return client.navigate(url.href).then((c) => (c || client).focus())
      }
      return self.clients.openWindow(url.href)
    }),
  )
})
