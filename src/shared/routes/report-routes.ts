import { ParticipationReportSchema, ReportQuerySchema } from '../schemas/participation-report'
import { defineRoute } from './route'

/** The yearly evaluation of participation, for officials and the participation council. */
export const participationReportRoutes = {
  participation: defineRoute({
    method: 'GET', path: '/official/reports/participation', summary: 'The evaluation figures of a period (default: the previous calendar year) as JSON, or CSV with format=csv', tag: 'official', access: 'member',
    query: ReportQuerySchema,
    produces: ['application/json', 'text/csv'],
    responses: { 200: ParticipationReportSchema }, errors: { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'] },
  }),
} as const
