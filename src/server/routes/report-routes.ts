import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { participationReportRoutes as routes } from '../../shared/routes/report-routes'
import { participationReportCsv } from '../exports/participation-report-csv'
import { participationReport } from '../services/participation-report-service'
import { registerRoute } from './register-route'

/** The yearly evaluation, for officials and council members of the municipality. */
export const participationReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('member'))

  registerRoute(app, routes.participation, async (request, reply) => {
    const report = await participationReport(app.database.db, request.official!, request.query, app.clock())
    reply.header('cache-control', 'no-store')
    if (request.query.format === 'json') return report
    reply.header('content-disposition', `attachment; filename="meepraat-jaarverslag-${report.municipality}-${report.from}-${report.to}.csv"`)
    return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(participationReportCsv(report))
  })
}
