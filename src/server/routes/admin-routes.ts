import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listAudit } from '../repos/audit-repo'
import { listOfficials } from '../repos/official-repo'
import { addOfficial, disableOfficial } from '../services/official-service'
import { adminRoutes as routes } from '../../shared/routes/admin-routes'
import { registerRoute } from './register-route'

/** Admins manage the officials of their own municipality and read its audit log. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  registerRoute(app, routes.officials, async (request) => listOfficials(db(), request.official!.municipality))

  registerRoute(app, routes.createOfficial, async (request, reply) => {
      await addOfficial(context(), request.official!, request.body)
      return reply.status(201).send({ ok: true as const })
    })

  registerRoute(app, routes.disableOfficial, async (request) => {
      await disableOfficial(context(), request.official!, request.params.id)
      return { ok: true as const }
    })

  registerRoute(app, routes.audit, async (request) => listAudit(db(), request.official!.municipality))
}
