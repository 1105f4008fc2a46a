import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/validation/password'
import { hashPassword } from '../auth/passwords'
import { badRequest, HttpError, notFound } from '../errors'
import { listAudit, recordAudit } from '../repos/audit-repo'
import { insertOfficial, listOfficials, setOfficialDisabled } from '../repos/official-repo'
import { adminRoutes as routes } from '../../shared/routes/admin-routes'
import { registerRoute } from './register-route'

/** Admins manage the officials of their own municipality and read its audit log. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db

  registerRoute(app, routes.officials,
    async (request) => listOfficials(db(), request.official!.municipality),
  )

  registerRoute(app, routes.createOfficial,
    async (request, reply) => {
      const admin = request.official!
      const problem = passwordProblem(request.body.password, request.body.email)
      if (problem) throw badRequest(PASSWORD_PROBLEM_MESSAGES[problem])
      const id = await insertOfficial(db(), {
        email: request.body.email,
        passwordHash: await hashPassword(request.body.password),
        municipality: admin.municipality,
        role: request.body.role,
      })
      if (!id) throw new HttpError(409, 'conflict', 'An account with this e-mail address exists')
      await recordAudit(db(), { officialId: admin.id, municipality: admin.municipality, action: 'official.create', details: { officialId: id, role: request.body.role } }, app.clock())
      return reply.status(201).send({ ok: true as const })
    },
  )

  registerRoute(app, routes.disableOfficial,
    async (request) => {
      const admin = request.official!
      if (request.params.id === admin.id) throw new HttpError(409, 'conflict', 'You cannot disable your own account')
      if (!(await setOfficialDisabled(db(), admin.municipality, request.params.id, true, app.clock()))) throw notFound('official')
      await recordAudit(db(), { officialId: admin.id, municipality: admin.municipality, action: 'official.disable', details: { officialId: request.params.id } }, app.clock())
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.audit,
    async (request) => listAudit(db(), request.official!.municipality),
  )
}
