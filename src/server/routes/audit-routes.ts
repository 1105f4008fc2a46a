import { Readable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { badRequest } from '../errors'
import { auditCsv } from '../exports/audit-csv'
import { decodeAuditCursor, encodeAuditCursor, listAuditPage, recordAudit } from '../repos/audit-repo'
import { auditRoutes as routes } from '../../shared/routes/audit-routes'
import { registerRoute } from './register-route'

/** Admins page through, filter and export the audit log of their own municipality. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db

  registerRoute(app, routes.entries, async (request) => {
    const { cursor, limit, ...filter } = request.query
    const after = cursor === undefined ? null : decodeAuditCursor(cursor)
    if (cursor !== undefined && !after) throw badRequest('cursor is not a cursor of this log')
    const page = await listAuditPage(db(), request.official!.municipality, filter, { after, limit })
    return { entries: page.entries, nextCursor: page.next ? encodeAuditCursor(page.next) : null }
  })

  registerRoute(app, routes.export, async (request, reply) => {
    const official = request.official!
    // Reading the whole log out is itself an action worth a trace; it is written before the first byte.
    await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'audit.export', details: { filters: Object.keys(request.query).sort() } }, app.clock())
    const day = app.clock().toISOString().slice(0, 10)
    reply
      .header('content-disposition', `attachment; filename="logboek-${official.municipality}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
    return reply.send(Readable.from(auditCsv(db(), official.municipality, request.query)))
  })
}
