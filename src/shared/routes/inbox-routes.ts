import { z } from 'zod'
import { InboxQuerySchema, InboxSchema } from '../schemas/inbox'
import { DeviceIdSchema } from '../schemas/submission'
import { defineRoute } from './route'

export const inboxRoutes = {
  inbox: defineRoute({
    method: 'GET', path: '/devices/:deviceId/inbox', summary: 'Feedback and status changes on items this device gave input to', tag: 'public', access: 'device', deprecated: true,
    params: z.object({ deviceId: DeviceIdSchema }),
    query: InboxQuerySchema,
    responses: { 200: InboxSchema },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
} as const
