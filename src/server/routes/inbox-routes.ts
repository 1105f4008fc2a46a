import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { InboxQuerySchema, InboxSchema } from '../../shared/schemas/inbox'
import { DeviceIdSchema } from '../../shared/schemas/submission'
import { badRequest } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { inboxOf } from '../repos/inbox-repo'
import { deviceKeyOf } from '../repos/submission-repo'

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
      const parsed = request.query.since === undefined ? undefined : parseCursor(request.query.since)
      if (parsed?.kind === 'invalid') throw badRequest('since: not a cursor returned by this API')
      // A cursor of an earlier version (a time) reads the whole inbox again; the client merges by id.
      const since = parsed?.kind === 'cursor' ? parsed.cursor : undefined
      const inbox = await inboxOf(app.database.db, deviceKeyOf(request.params.deviceId), since, app.clock())
      reply.header('cache-control', 'no-store')
      return inbox
    },
  )
}
