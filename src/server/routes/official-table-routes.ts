import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { interestCounts } from '../repos/interest-repo'
import { drawTable, inviteInterested, publishTableAdvice, readSignups, setAssignment } from '../services/table-management-service'
import { officialTableRoutes as routes } from '../../shared/routes/official-table-routes'
import { registerRoute } from './register-route'

/** Officials set a table's assignment, see sign-ups, run the selection, publish the advice, invite. */
export const officialTableRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl, signupPushTopic: app.deviceKeys.signupPushTopic })
  const context = () => ({ db: db(), now: app.clock() })

  registerRoute(app, routes.assignment, async (request) => setAssignment(context(), request.official!, request.params.id, request.body.assignment))

  registerRoute(app, routes.signups, async (request, reply) => {
      const signups = await readSignups(context(), request.official!, request.params.id)
      reply.header('cache-control', 'no-store')
      return signups
    })

  registerRoute(app, routes.draw, async (request) => {
    const summary = await drawTable(context(), messenger(), request.official!, request.params.id, request.body.seed)
    // The outcome pushes were queued with the draw; send them now rather than at the next round.
    app.push?.worker.wake()
    return summary
  })

  registerRoute(app, routes.advice, async (request) => publishTableAdvice(context(), request.official!, request.params.id, request.body))

  registerRoute(app, routes.interests, async (request) => interestCounts(db(), request.official!.municipality))

  registerRoute(app, routes.inviteInterested, async (request) => inviteInterested(context(), messenger(), request.official!, request.params.id))
}
