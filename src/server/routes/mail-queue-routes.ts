import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { mailQueueRoutes as routes } from '../../shared/routes/mail-queue-routes'
import { mailQueueFor, retryDeadLetter } from '../services/mail-queue-service'
import { registerRoute } from './register-route'

/** The municipality's mail queue for its admins: counts, dead letters, and sending one again. */
export const mailQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const context = () => ({ db: app.database.db, now: app.clock() })

  registerRoute(app, routes.mailQueue, async (request) => mailQueueFor(context(), request.official!))

  registerRoute(app, routes.retryDeadLetter, async (request) => {
    await retryDeadLetter(context(), request.official!, request.params.id)
    // The worker of this process picks it up now; others would on their next round.
    app.mailWorker?.wake()
    return { ok: true as const }
  })
}
