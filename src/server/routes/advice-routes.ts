import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { adviceRoutes as routes } from '../../shared/routes/advice-routes'
import { adviceFor, approachProposalsFor, createAdvice, proposeApproach, publicAdvice, respondToAdvice, submitAdvice, updateAdvice } from '../services/advice-service'
import { registerRoute } from './register-route'
import { guardOf } from './route-guard'

/** Public: the council's submitted advice with the municipality's answers. */
export const publicAdviceRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.public, async (request) => ({ advice: await publicAdvice(app.database.db, request.params.slug, app.clock()) }))
}

/** Council members write and submit advice and approach proposals; officials answer; both read. */
export const officialAdviceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  registerRoute(app, routes.list, guardOf(app, routes.list), async (request) => ({ advice: await adviceFor(db(), request.official!, app.clock()) }))

  registerRoute(app, routes.create, guardOf(app, routes.create), async (request, reply) => reply.status(201).send(await createAdvice(context(), request.official!, request.body)))

  registerRoute(app, routes.update, guardOf(app, routes.update), async (request) => updateAdvice(context(), request.official!, request.params.id, request.body))

  registerRoute(app, routes.submit, guardOf(app, routes.submit), async (request) => submitAdvice(context(), request.official!, request.params.id))

  registerRoute(app, routes.respond, guardOf(app, routes.respond), async (request) => respondToAdvice(context(), request.official!, request.params.id, request.body))

  registerRoute(app, routes.approachProposals, guardOf(app, routes.approachProposals), async (request) => ({ proposals: await approachProposalsFor(db(), request.official!, request.params.id) }))

  registerRoute(app, routes.proposeApproach, guardOf(app, routes.proposeApproach), async (request, reply) =>
    reply.status(201).send(await proposeApproach(context(), request.official!, request.params.id, request.body)),
  )
}
