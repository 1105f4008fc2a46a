import { z } from 'zod'
import { ItemIdSchema } from '../schemas/item-draft'
import { defineRoute } from './route'

/** A published table's meetings as a calendar file, for the members' own calendars. */
export const calendarRoutes = {
  tableMeetings: defineRoute({
    method: 'GET', path: '/items/:id/meetings.ics', summary: "A table's meetings as an iCalendar file (text/calendar)", tag: 'public', access: 'public',
    params: ItemIdSchema,
    produces: ['text/calendar'],
    responses: { 200: z.unknown() }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
} as const
