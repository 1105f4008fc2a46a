import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { CreateOfficialSchema, OfficialSchema, OkSchema } from '../../shared/schemas/official'
import { AuditEntrySchema } from '../../shared/schemas/audit'
import { listAudit } from '../repos/audit-repo'
import { listOfficials } from '../repos/official-repo'
import { addOfficial, disableOfficial } from '../services/official-service'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema }

/** Admins manage the officials of their own municipality and read its audit log. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  app.get(
    '/api/official/officials',
    { schema: { summary: 'Officials of my municipality', tags: ['admin'], response: { 200: z.array(OfficialSchema), ...errors } } },
    async (request) => listOfficials(db(), request.official!.municipality),
  )

  app.post(
    '/api/official/officials',
    { schema: { summary: 'Add an official to my municipality', tags: ['admin'], body: CreateOfficialSchema, response: { 201: OkSchema, ...errors } } },
    async (request, reply) => {
      await addOfficial(context(), request.official!, request.body)
      return reply.status(201).send({ ok: true as const })
    },
  )

  app.post(
    '/api/official/officials/:id/disable',
    { schema: { summary: 'Disable an official of my municipality', tags: ['admin'], params: z.object({ id: z.uuid() }), body: z.object({}).strict().optional(), response: { 200: OkSchema, ...errors } } },
    async (request) => {
      await disableOfficial(context(), request.official!, request.params.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/official/audit',
    { schema: { summary: 'Audit log of my municipality', tags: ['admin'], response: { 200: z.array(AuditEntrySchema), ...errors } } },
    async (request) => listAudit(db(), request.official!.municipality),
  )
}
