import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { transactionalMail } from '../notify/transactional-mail'
import { unsubscribeTokensWith } from '../services/email-alert-service'
import { correctFeedback, giveFeedback } from '../services/feedback-service'
import { feedbackRoutes as routes } from '../../shared/routes/feedback-routes'
import { registerRoute } from './register-route'

/** Officials publish terugkoppeling on their municipality's items, and correct it openly. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const context = () => ({ db: app.database.db, now: app.clock() })

  registerRoute(app, routes.publish, async (request, reply) => {
    const alerts = { mail: transactionalMail(app.notifier), publicUrl: app.publicUrl, unsubscribeTokenOf: unsubscribeTokensWith(app.deviceKeys) }
    const item = await giveFeedback(context(), request.official!, request.params.id, request.body, alerts)
    // The push messages were queued with the feedback; send them now rather than at the next round.
    app.push?.worker.wake()
    return reply.status(201).send(item)
  })

  registerRoute(app, routes.correct, async (request, reply) => reply.status(201).send(await correctFeedback(context(), request.official!, request.params.id, request.params.feedbackId, request.body)))
}
