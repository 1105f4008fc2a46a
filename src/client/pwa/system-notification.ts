/**
 * System notifications shown through the service worker registration: Android browsers only
 * show them that way, and it works the same on desktop. Nothing here uses push: a notification
 * is shown by the open (or backgrounded) app after a sync found news. Every step is optional.
 */

/** Whether this browser can show notifications at all. */
export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window && typeof navigator !== 'undefined' && 'serviceWorker' in navigator
}

/** The current permission, or `unsupported`. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported'
}

/** Asks the browser for permission. Only ever called from the resident's own click. */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported'
  try {
    return await Notification.requestPermission()
  } catch {
    return Notification.permission
  }
}

export interface SystemNotice {
  /** Also the notification tag: the same news never stacks up twice. */
  id: string
  title: string
  body: string
  url: string
}

/**
 * Shows a notification if the resident allowed it and a service worker is registered (never in
 * development, where there is none). Resolves `false` when nothing was shown; never throws.
 */
export async function showSystemNotification(notice: SystemNotice): Promise<boolean> {
  if (notificationPermission() !== 'granted') return false
  try {
    const registration = await navigator.serviceWorker.getRegistration()
    if (!registration) return false
    await registration.showNotification(notice.title, {
      body: notice.body,
      tag: notice.id,
      icon: '/icons/icon-192.png',
      data: { url: notice.url },
    })
    return true
  } catch {
    return false
  }
}
