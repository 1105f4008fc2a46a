import { createHash, createHmac } from 'node:crypto'

/**
 * Device ids are bearer secrets. The database never holds one: it holds a key derived per
 * purpose, so answers, sign-ups, interests, push and e-mail subscriptions and signals are each
 * stored under a key that no other purpose shares. A database administrator, a breach or an
 * export cannot join a contact to an answer on a device key: the keys differ, and without the
 * server's `DEVICE_KEY_SECRET` nobody can compute one from the other.
 *
 * The derivation goes through the plain SHA-256 hash that was stored before keys were split
 * (`legacyDeviceHash`), so existing rows migrate from what the database already holds.
 */
export const DEVICE_KEY_PURPOSES = ['answers', 'signups', 'interests', 'push', 'email_alerts', 'signals', 'signal_support'] as const
export type DeviceKeyPurpose = (typeof DEVICE_KEY_PURPOSES)[number]

/** The hash stored before keys per purpose: base64url SHA-256 of the device id. */
export function legacyDeviceHash(deviceId: string): string {
  return createHash('sha256').update(deviceId).digest('base64url')
}

/** The key for one purpose from a legacy hash; used by the data migration and by {@link deviceKeyFor}. */
export function purposeKeyFromLegacyHash(secret: string, purpose: DeviceKeyPurpose, legacyHash: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${legacyHash}`).digest('base64url')
}

/** The key under which rows of `purpose` are stored for this device. */
export function deviceKeyFor(secret: string, purpose: DeviceKeyPurpose, deviceId: string): string {
  return purposeKeyFromLegacyHash(secret, purpose, legacyDeviceHash(deviceId))
}

/** Every purpose's key for a device: what "show my data" and "erase me" look up. */
export function allDeviceKeys(secret: string, deviceId: string): Record<DeviceKeyPurpose, string> {
  const legacy = legacyDeviceHash(deviceId)
  return Object.fromEntries(DEVICE_KEY_PURPOSES.map((p) => [p, purposeKeyFromLegacyHash(secret, p, legacy)])) as Record<DeviceKeyPurpose, string>
}

/** The device keys of one installation, bound to its secret: what services and repos use. */
export interface DeviceKeys {
  /** The key under which rows of `purpose` are stored for this device. */
  keyFor(purpose: DeviceKeyPurpose, deviceId: string): string
  /** Every purpose's key for this device. */
  all(deviceId: string): Record<DeviceKeyPurpose, string>
  /**
   * The Web Push topic of one table sign-up: news about that sign-up wakes only the device that
   * made it. Keyed with the secret, so `push_topics` cannot be joined to the sign-up (and its
   * contact details) by anyone who only has the database.
   */
  signupPushTopic(signupId: string): string
  /** The same for a Benader mij registration: an invitation to an item wakes only its own device. */
  interestPushTopic(interestId: string): string
}

/** A uuid-shaped HMAC of a sign-up id (fits `push_topics.item_id`); see {@link DeviceKeys.signupPushTopic}. */
export function signupPushTopicFor(secret: string, signupId: string): string {
  return keyedPushTopic(secret, 'signup', signupId)
}

/** A uuid-shaped HMAC of a registration id of one kind: what `push_topics` holds for it. */
function keyedPushTopic(secret: string, kind: 'signup' | 'interest', id: string): string {
  const h = createHmac('sha256', secret).update(`push-topic\u0000${kind}\u0000${id}`).digest('hex')
  // Version 8 (custom) and the RFC 9562 variant, so it reads as the uuid it stands in for.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function deviceKeysWith(secret: string): DeviceKeys {
  return {
    keyFor: (purpose, deviceId) => deviceKeyFor(secret, purpose, deviceId),
    all: (deviceId) => allDeviceKeys(secret, deviceId),
    signupPushTopic: (signupId) => signupPushTopicFor(secret, signupId),
    interestPushTopic: (interestId) => keyedPushTopic(secret, 'interest', interestId),
  }
}
