import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { CreateOfficialSchema, OfficialSchema, OkSchema } from '../../shared/schemas/official'
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/validation/password'
import { hashPassword } from '../auth/passwords'
import { badRequest, HttpError, notFound } from '../errors'
import { AuditEntrySchema } from '../../shared/schemas/audit'
import { listAudit, recordAudit } from '../repos/audit-repo'
import { insertOfficial, listOfficials, setOfficialDisabled } from '../repos/official-repo'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema }

/** Admins manage the officials of their own municipality and read its audit log. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db

  app.get(
    '/api/official/officials',
    { schema: { summary: 'Officials of my municipality', tags: ['admin'], response: { 200: z.array(OfficialSchema), ...errors } } },
    async (request) => listOfficials(db(), request.official!.municipality),
  )

  app.post(
    '/api/official/officials',
    { schema: { summary: 'Add an official to my municipality', tags: ['admin'], body: CreateOfficialSchema, response: { 201: OkSchema, ...errors } } },
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

  app.post(
    '/api/official/officials/:id/disable',
    { schema: { summary: 'Disable an official of my municipality', tags: ['admin'], params: z.object({ id: z.uuid() }), body: z.object({}).strict().optional(), response: { 200: OkSchema, ...errors } } },
    async (request) => {
      const admin = request.official!
      if (request.params.id === admin.id) throw new HttpError(409, 'conflict', 'You cannot disable your own account')
      if (!(await setOfficialDisabled(db(), admin.municipality, request.params.id, true, app.clock()))) throw notFound('official')
      await recordAudit(db(), { officialId: admin.id, municipality: admin.municipality, action: 'official.disable', details: { officialId: request.params.id } }, app.clock())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/official/audit',
    { schema: { summary: 'Audit log of my municipality', tags: ['admin'], response: { 200: z.array(AuditEntrySchema), ...errors } } },
    async (request) => listAudit(db(), request.official!.municipality),
  )
}
