import { z } from 'zod'
import { defineRoute } from './route'

/** What a resident's browser needs to subscribe to Web Push. */
export const pushRoutes = {
  publicKey: defineRoute({
    method: 'GET', path: '/push/public-key', summary: "The server's VAPID public key, for subscribing to Web Push", tag: 'public', access: 'public',
    responses: { 200: z.object({ publicKey: z.string() }).meta({ id: 'PushPublicKey' }) }, errors: { 404: ['not_found'] },
  }),
} as const
