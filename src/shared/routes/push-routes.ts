import { z } from 'zod'
import { PushSubscriptionInputSchema, PushSubscriptionStateSchema, PushTopicsInputSchema } from '../schemas/push'
import { defineRoute } from './route'

const deviceErrors = { 400: ['bad_request'], 404: ['not_found'], 413: ['payload_too_large'], 429: ['rate_limited'] } as const

/**
 * Web Push: the server's VAPID key, and the device's own subscription (device-authenticated, stored
 * under the device's key for the `push` purpose only, never joinable with answers or contacts).
 */
export const pushRoutes = {
  publicKey: defineRoute({
    method: 'GET', path: '/push/public-key', summary: "The server's VAPID public key, for subscribing to Web Push", tag: 'public', access: 'public',
    responses: { 200: z.object({ publicKey: z.string() }).meta({ id: 'PushPublicKey' }) }, errors: { 404: ['not_found'] },
  }),
  putSubscription: defineRoute({
    method: 'PUT', path: '/me/push-subscription', summary: "Store or replace this device's Web Push subscription and what it follows", tag: 'public', access: 'device', deviceAuth: true,
    body: PushSubscriptionInputSchema,
    responses: { 200: PushSubscriptionStateSchema },
    errors: deviceErrors,
  }),
  addTopics: defineRoute({
    method: 'POST', path: '/me/push-subscription/topics', summary: 'Follow more items, signals or sign-ups with the existing subscription', tag: 'public', access: 'device', deviceAuth: true,
    body: PushTopicsInputSchema,
    responses: { 200: PushSubscriptionStateSchema },
    errors: deviceErrors,
  }),
  deleteSubscription: defineRoute({
    method: 'DELETE', path: '/me/push-subscription', summary: "Remove this device's Web Push subscription", tag: 'public', access: 'device', deviceAuth: true,
    responses: { 200: PushSubscriptionStateSchema },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
} as const
