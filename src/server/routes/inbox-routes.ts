import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { badRequest } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { inboxOf } from '../repos/inbox-repo'
import { deviceKeyOf } from '../repos/submission-repo'
import { inboxRoutes as routes } from '../../shared/routes/inbox-routes'
import { registerRoute } from './register-route'

/**
 * The device inbox. The device id is a secret, so it is treated like a bearer token: only its
 * hash is looked up (an index lookup, no comparison loop), an unknown id looks exactly like a
 * device without news, and requests are rate-limited per address.
 */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.inbox, { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
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
