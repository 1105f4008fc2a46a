import { z } from 'zod'
import { SlugSchema } from './common'

/** How many things one device may follow: far more than a resident answers, small enough to store at once. */
export const MAX_PUSH_TOPICS = 500

/** base64url without padding, as `PushSubscription.toJSON()` gives the keys. */
const Base64Url = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, 'expected base64url')

/**
 * A device's Web Push subscription as the browser hands it out (`PushSubscription.toJSON()`),
 * with what the server needs to write to it: the language of the texts, the municipality, and
 * what the device follows. Whether the endpoint may be reached is checked by the server (public
 * `https:` addresses only).
 */
export const PushSubscriptionInputSchema = z.strictObject({
  endpoint: z.string().min(1).max(2048),
  /** Browsers send it, always null in practice; accepted and not stored. */
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key: 65 bytes, 87 base64url characters. */
    p256dh: Base64Url(80, 100),
    /** The 16-byte authentication secret: 22 base64url characters. */
    auth: Base64Url(16, 32),
  }),
  language: z.enum(['nl', 'en']),
  municipality: SlugSchema,
  /** The ids of the items and signals this device gave input to; a PUT replaces the whole list. */
  topics: z.array(z.uuid()).max(MAX_PUSH_TOPICS),
  /**
   * The device's own table sign-ups: news about one of them (selected, waiting list, a seat, a
   * guardian's yes) wakes this device only. Sign-ups of another device are ignored.
   */
  signups: z.array(z.uuid()).max(MAX_PUSH_TOPICS).default([]),
  /** The device's own Benader mij registrations: an invitation to an item wakes this device only. */
  interests: z.array(z.uuid()).max(MAX_PUSH_TOPICS).default([]),
})
export type PushSubscriptionInput = z.input<typeof PushSubscriptionInputSchema>

/** More things to follow, added to what the subscription follows already. */
export const PushTopicsInputSchema = z.strictObject({
  topics: z.array(z.uuid()).max(MAX_PUSH_TOPICS).default([]),
  signups: z.array(z.uuid()).max(MAX_PUSH_TOPICS).default([]),
  interests: z.array(z.uuid()).max(MAX_PUSH_TOPICS).default([]),
})
export type PushTopicsInput = z.input<typeof PushTopicsInputSchema>

/** What the server holds after a change: whether there is a subscription, and how many things it follows. */
export const PushSubscriptionStateSchema = z.object({ subscribed: z.boolean(), following: z.number().int().nonnegative() }).meta({ id: 'PushSubscriptionState' })
export type PushSubscriptionState = z.infer<typeof PushSubscriptionStateSchema>
