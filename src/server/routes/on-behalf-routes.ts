import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { onBehalfRoutes as routes } from '../../shared/routes/on-behalf-routes'
import { addPartner, changePartner, enterOnBehalf, partnersOf, removePartner } from '../services/on-behalf-service'
import { registerRoute } from './register-route'

/** Officials enter answers collected offline, and keep their municipality's partner organisations. */
export const onBehalfRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const context = () => ({ db: app.database.db, now: app.clock() })

  registerRoute(app, routes.submit, { bodyLimit: 512 * 1024 }, async (request) => ({
    results: await enterOnBehalf(context(), request.official!, request.params.id, request.body.entries, app.deviceKeys),
  }))
  registerRoute(app, routes.partners, async (request) => ({ partners: await partnersOf(context(), request.official!) }))
  registerRoute(app, routes.addPartner, async (request, reply) => reply.status(201).send(await addPartner(context(), request.official!, request.body)))
  registerRoute(app, routes.updatePartner, async (request) => changePartner(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.deletePartner, async (request) => {
    await removePartner(context(), request.official!, request.params.id)
    return { ok: true as const }
  })
}
