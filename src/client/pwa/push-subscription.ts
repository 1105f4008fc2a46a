import type { MeepraatDb } from '../db/db'
import { getStoredPush } from '../db/push-repo'
import { pushPublicKey, removePushSubscription, sendPushSubscription } from '../sync/push-sync'

/**
 * Web Push on this phone: whether it can work here, turning it on (permission, the browser's
 * subscription with the server's VAPID key, then the server) and off. Push is a wake-up only:
 * everything stays in the inbox whether it is on or not.
 */

/**
 * - `unsupported`: this browser has no Push API (the section is hidden).
 * - `needs_install`: an iPhone or iPad in Safari: push works only in the app added to the home screen.
 * - `denied`: the resident (or the browser) blocked notifications for this site.
 * - `available`: it can be turned on.
 */
export type PushSupport = 'unsupported' | 'needs_install' | 'denied' | 'available'

interface PushEnvironment {
  window: Pick<Window, 'matchMedia'> & { PushManager?: unknown; Notification?: { permission: NotificationPermission } }
  navigator: Pick<Navigator, 'userAgent' | 'maxTouchPoints'> & { serviceWorker?: unknown; standalone?: boolean }
}

const browser = (): PushEnvironment => ({ window, navigator })

/** iPhone, iPad (which says it is a Mac, but has touch) or iPod. */
export function isIos(nav: PushEnvironment['navigator']): boolean {
  return /iPhone|iPad|iPod/.test(nav.userAgent) || (/Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1)
}

/** Whether the page runs as the installed app (home screen), where iOS allows push. */
export function isStandalone(env: PushEnvironment): boolean {
  return env.navigator.standalone === true || env.window.matchMedia('(display-mode: standalone)').matches
}

export function pushSupport(env: PushEnvironment = browser()): PushSupport {
  // iOS Safari outside the home-screen app has no PushManager at all: say why instead of hiding.
  if (isIos(env.navigator) && !isStandalone(env)) return 'needs_install'
  if (!env.navigator.serviceWorker || !env.window.PushManager || !env.window.Notification) return 'unsupported'
  return env.window.Notification.permission === 'denied' ? 'denied' : 'available'
}

/** Whether push is on for this phone: a subscription the phone remembers and the browser still has. */
export async function pushIsOn(db: MeepraatDb): Promise<boolean> {
  const stored = await getStoredPush(db)
  if (!stored) return false
  const registration = await navigator.serviceWorker.getRegistration()
  const current = await registration?.pushManager.getSubscription()
  return current?.endpoint === stored.endpoint
}

/** The VAPID key as the bytes `pushManager.subscribe` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4)
  const binary = atob(padded)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export type TurnOnOutcome = 'on' | 'denied' | 'failed'

/**
 * Turns push on, from the resident's own click: asks permission, subscribes with the server's
 * key, and stores the subscription on the server. Any failure leaves push off and says so.
 */
export async function turnPushOn(db: MeepraatDb): Promise<TurnOnOutcome> {
  let permission: NotificationPermission
  try {
    permission = await Notification.requestPermission()
  } catch {
    permission = Notification.permission
  }
  if (permission !== 'granted') return 'denied'
  try {
    const registration = await navigator.serviceWorker.ready
    const applicationServerKey = keyBytes(await pushPublicKey())
    const subscription = (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }))
    const json = subscription.toJSON()
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return 'failed'
    await sendPushSubscription(db, { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } })
    return 'on'
  } catch {
    return 'failed'
  }
}

/** Turns push off: the server forgets the subscription first, then the browser drops it. */
export async function turnPushOff(db: MeepraatDb): Promise<boolean> {
  try {
    await removePushSubscription(db)
    const registration = await navigator.serviceWorker.getRegistration()
    await (await registration?.pushManager.getSubscription())?.unsubscribe()
    return true
  } catch {
    return false
  }
}
