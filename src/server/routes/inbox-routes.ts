import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { deviceInbox } from '../services/inbox-service'
import { inboxRoutes as routes } from '../../shared/routes/inbox-routes'
import { markDeprecated } from './deprecation'
import { registerRoute } from './register-route'

/**
 * The device inbox. The device id is a secret, so it is treated like a bearer token: only its
 * hash is looked up (an index lookup, no comparison loop), an unknown id looks exactly like a
 * device without news, and requests are rate-limited per address.
 */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.inbox, { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, onRequest: async (_request, reply) => markDeprecated(reply, '/api/me/inbox') }, async (request, reply) => {
      const inbox = await deviceInbox(app.database.db, app.deviceKeys, request.params.deviceId, request.query.since, app.clock())
      reply.header('cache-control', 'no-store')
      return inbox
    })
}
