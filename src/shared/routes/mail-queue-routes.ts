import { z } from 'zod'
import { MailQueueSchema } from '../schemas/mail-queue'
import { OkSchema } from '../schemas/official'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const

/** Admins see their municipality's mail queue: how much is waiting, and what could not be delivered. */
export const mailQueueRoutes = {
  mailQueue: defineRoute({
    method: 'GET', path: '/official/mail-queue', summary: "My municipality's mail queue and its dead letters", tag: 'admin', access: 'admin',
    responses: { 200: MailQueueSchema }, errors,
  }),
  retryDeadLetter: defineRoute({
    method: 'POST', path: '/official/mail-queue/:id/retry', summary: 'Send a dead letter again', tag: 'admin', access: 'admin',
    params: z.object({ id: z.uuid() }), body: z.object({}).strict().optional(),
    responses: { 200: OkSchema }, errors,
  }),
} as const
