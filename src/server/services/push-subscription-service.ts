import { and, eq, inArray } from 'drizzle-orm'
import type { PushSubscriptionState } from '../../shared/schemas/push'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { interests, tableSignups } from '../db/schema'
import { badRequest } from '../errors'
import { endpointProblem } from '../push/endpoint-safety'
import { deletePushSubscription, followItems, pushSubscriptionState, putPushSubscription, replaceTopics } from '../repos/push-repo'

export interface PushSubscriptionChange {
  endpoint: string
  keys: { p256dh: string; auth: string }
  language: 'nl' | 'en'
  municipality: string
  topics: string[]
  signups: string[]
  interests: string[]
}

const ENDPOINT_PROBLEMS = {
  not_a_url: 'endpoint: expected an absolute URL without user name or password',
  not_https: 'endpoint: expected an https: URL',
  private_address: 'endpoint: expected a push service on a public address',
} as const

/**
 * The topics of the device's own sign-ups: only sign-ups stored under this device's sign-up key
 * count, so nobody follows another person's news by knowing a sign-up id. What is stored is the
 * keyed topic ({@link DeviceKeys.signupPushTopic}), never the sign-up id.
 */
async function ownSignupTopics(db: Db, keys: DeviceKeys, deviceId: string, signupIds: readonly string[]): Promise<string[]> {
  if (signupIds.length === 0) return []
  const rows = await db
    .select({ id: tableSignups.id })
    .from(tableSignups)
    .where(and(inArray(tableSignups.id, [...new Set(signupIds)]), eq(tableSignups.deviceKey, keys.keyFor('signups', deviceId))))
  return rows.map((r) => keys.signupPushTopic(r.id))
}

/** The topics of the device's own Benader mij registrations, checked and keyed the same way. */
async function ownInterestTopics(db: Db, keys: DeviceKeys, deviceId: string, interestIds: readonly string[]): Promise<string[]> {
  if (interestIds.length === 0) return []
  const rows = await db
    .select({ id: interests.id })
    .from(interests)
    .where(and(inArray(interests.id, [...new Set(interestIds)]), eq(interests.deviceKey, keys.keyFor('interests', deviceId))))
  return rows.map((r) => keys.interestPushTopic(r.id))
}

/** Everything a change asks to follow that the device may follow. */
async function topicsOf(db: Db, keys: DeviceKeys, deviceId: string, change: { topics: string[]; signups: string[]; interests: string[] }): Promise<string[]> {
  const [signupTopics, interestTopics] = [await ownSignupTopics(db, keys, deviceId, change.signups), await ownInterestTopics(db, keys, deviceId, change.interests)]
  return [...new Set([...change.topics, ...signupTopics, ...interestTopics])]
}

/**
 * Stores or replaces the device's subscription and replaces what it follows, in one transaction:
 * the same PUT any number of times leaves the same state. The endpoint must be an `https:` URL on
 * a public address (with `allowPrivate`, tests' local stand-ins pass).
 */
export async function putDeviceSubscription(db: Db, keys: DeviceKeys, deviceId: string, change: PushSubscriptionChange, options: { allowPrivate: boolean; now: Date }): Promise<PushSubscriptionState> {
  const problem = endpointProblem(change.endpoint, options.allowPrivate)
  if (problem) throw badRequest(ENDPOINT_PROBLEMS[problem])
  const deviceKey = keys.keyFor('push', deviceId)
  return db.transaction(async (tx) => {
    const stored = { endpoint: change.endpoint, p256dh: change.keys.p256dh, auth: change.keys.auth, language: change.language, municipality: change.municipality }
    const id = await putPushSubscription(tx, deviceKey, stored, options.now)
    await replaceTopics(tx, id, await topicsOf(tx, keys, deviceId, change))
    return pushSubscriptionState(tx, deviceKey)
  })
}

/** Adds topics to an existing subscription (the device answered something new); without one, nothing changes. */
export async function addDeviceTopics(db: Db, keys: DeviceKeys, deviceId: string, change: { topics: string[]; signups: string[]; interests: string[] }): Promise<PushSubscriptionState> {
  const deviceKey = keys.keyFor('push', deviceId)
  return db.transaction(async (tx) => {
    await followItems(tx, deviceKey, await topicsOf(tx, keys, deviceId, change))
    return pushSubscriptionState(tx, deviceKey)
  })
}

/** Removes the subscription with everything it follows and everything queued for it. */
export async function deleteDeviceSubscription(db: Db, keys: DeviceKeys, deviceId: string): Promise<PushSubscriptionState> {
  await deletePushSubscription(db, keys.keyFor('push', deviceId))
  return { subscribed: false, following: 0 }
}
