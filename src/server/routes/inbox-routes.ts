import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { InboxQuerySchema, InboxSchema } from '../../shared/schemas/inbox'
import { DeviceIdSchema } from '../../shared/schemas/submission'
import { deviceInbox } from '../services/inbox-service'

/**
 * The device inbox. The device id is a secret, so it is treated like a bearer token: only its
 * hash is looked up (an index lookup, no comparison loop), an unknown id looks exactly like a
 * device without news, and requests are rate-limited per address.
 */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/devices/:deviceId/inbox',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        summary: 'Feedback and status changes on items this device gave input to',
        tags: ['public'],
        params: z.object({ deviceId: DeviceIdSchema }),
        querystring: InboxQuerySchema,
        response: { 200: InboxSchema, 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const inbox = await deviceInbox(app.database.db, request.params.deviceId, request.query.since, app.clock())
      reply.header('cache-control', 'no-store')
      return inbox
    },
  )
}
