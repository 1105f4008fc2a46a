import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { MAX_BATCH_SIGNALS, MAX_SIGNAL_BATCH_BYTES } from '../../shared/schemas/signal'
import { signalRoutes as routes } from '../../shared/routes/signal-routes'
import { deviceIdOf } from '../auth/device-auth'
import { HttpError } from '../errors'
import { ingestSignals, listPublishedSignals, supportSignal } from '../services/signal-service'
import { registerRoute } from './register-route'

const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/** Signals and proposals from residents, the public list, and "Dit herken ik". */
export const signalRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db

  registerRoute(app, routes.submit, {
      bodyLimit: MAX_SIGNAL_BATCH_BYTES,
      config: deviceLimit,
      // As for submissions: too many signals is "too large" (413), not "malformed" (400).
      preValidation: async (request) => {
        const list = (request.body as { signals?: unknown } | null)?.signals
        if (Array.isArray(list) && list.length > MAX_BATCH_SIGNALS) throw new HttpError(413, 'payload_too_large', `At most ${MAX_BATCH_SIGNALS} signals per request`)
      },
    },
    async (request) => ingestSignals(db(), app.deviceKeys, request.body.signals, app.clock()),
  )

  registerRoute(app, routes.list, async (request) => listPublishedSignals(db(), request.params.slug, request.query))

  registerRoute(app, routes.support, { config: deviceLimit }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    return supportSignal(db(), app.deviceKeys, request.params.id, deviceId, app.clock())
  })
}
