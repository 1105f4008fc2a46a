import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { calendarRoutes as routes } from '../../shared/routes/calendar-routes'
import { notFound } from '../errors'
import { findPublishedItem } from '../repos/item-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { findTable } from '../repos/table-repo'
import { meetingCalendar } from '../tables/meeting-calendar'
import { registerRoute } from './register-route'

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.tableMeetings, async (request, reply) => {
    const db = app.database.db
    const item = await findPublishedItem(db, request.params.id, app.clock())
    const table = item?.kind === 'table' ? await findTable(db, item.id) : null
    if (!item || !table) throw notFound('table')
    const municipality = (await findMunicipality(db, item.municipality))?.name ?? item.municipality
    const body = meetingCalendar(item, municipality, table.assignment, `${app.publicUrl}/items/${item.id}`)
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="tafel-${item.id.slice(0, 8)}.ics"`)
      .serializer((x: unknown) => x as string)
      .send(body)
  })
}
