import type { PushSubscriptionInput } from '../../shared/schemas/push'
import { followedTopics, getStoredPush, setStoredPush, clearStoredPush, type StoredPush } from '../db/push-repo'
import type { MeepraatDb } from '../db/db'
import { getDeviceId, getLocale, getMunicipality } from '../db/meta-repo'
import type { Api } from './api'
import { residentApi } from './resident-api'
import type { Pull } from './pulls/pull'

type PushApi = Pick<Api, 'getPushPublicKey' | 'putPushSubscription' | 'deletePushSubscription'>

/** The body of a PUT: the browser's subscription, the phone's language and municipality, and what it follows. */
async function subscriptionBody(db: MeepraatDb, stored: Pick<StoredPush, 'endpoint' | 'keys'>): Promise<PushSubscriptionInput | undefined> {
  const municipality = await getMunicipality(db)
  if (!municipality) return undefined
  const { topics, signups, interests } = await followedTopics(db)
  return { endpoint: stored.endpoint, keys: stored.keys, language: (await getLocale(db)) ?? 'nl', municipality, topics, signups, interests }
}

const sentKey = (body: PushSubscriptionInput) => JSON.stringify([body.language, body.municipality, body.topics, body.signups, body.interests, body.endpoint])

/** The server's VAPID key, which the browser needs to subscribe. */
export async function pushPublicKey(api: PushApi = residentApi()): Promise<string> {
  return (await api.getPushPublicKey()).publicKey
}

/** Stores a new subscription on the server and remembers it on the phone. Throws `ApiError` when the server refuses. */
export async function sendPushSubscription(db: MeepraatDb, subscription: Pick<StoredPush, 'endpoint' | 'keys'>, api: PushApi = residentApi()): Promise<void> {
  const body = await subscriptionBody(db, subscription)
  if (!body) throw new Error('Choose a municipality first')
  await api.putPushSubscription(await getDeviceId(db), body)
  await setStoredPush(db, { endpoint: subscription.endpoint, keys: subscription.keys, sent: sentKey(body) })
}

/** Removes the subscription from the server, then from the phone. */
export async function removePushSubscription(db: MeepraatDb, api: PushApi = residentApi()): Promise<void> {
  await api.deletePushSubscription(await getDeviceId(db))
  await clearStoredPush(db)
}

/**
 * Keeps what the server follows in step with the phone: after each sync, when the device answered
 * something new, signed up, or changed language or municipality, the subscription is sent again
 * (a PUT replaces the list). Nothing happens while push is off here or nothing changed.
 */
export function pushTopicsPull(api: Pick<Api, 'putPushSubscription'>): Pull {
  return {
    name: 'push-topics',
    mode: 'beside',
    async run({ db, stopped }) {
      const stored = await getStoredPush(db)
      if (!stored || stopped()) return
      const body = await subscriptionBody(db, stored)
      if (!body || sentKey(body) === stored.sent) return
      await api.putPushSubscription(await getDeviceId(db), body)
      await setStoredPush(db, { ...stored, sent: sentKey(body) })
    },
  }
}
