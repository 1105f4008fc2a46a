import { z } from 'zod'
import { InboxQuerySchema, InboxSchema } from '../schemas/inbox'
import { ErasureSchema, MyDataSchema } from '../schemas/my-data'
import { OkSchema } from '../schemas/official'
import { MySignupSchema } from '../schemas/table'
import { defineRoute } from './route'

const deviceErrors = { 400: ['bad_request'], 404: ['not_found'], 429: ['rate_limited'] } as const
const Registration = z.object({ id: z.uuid() })

/**
 * What a resident's device reads and changes about itself. The device id is a bearer secret and
 * never part of a URL (proxies log paths): it comes in `Authorization: Device <deviceId>`.
 */
export const meRoutes = {
  inbox: defineRoute({
    method: 'GET', path: '/me/inbox', summary: 'Feedback and status changes on items this device gave input to', tag: 'public', access: 'device', deviceAuth: true,
    query: InboxQuerySchema,
    responses: { 200: InboxSchema },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
  signups: defineRoute({
    method: 'GET', path: '/me/signups', summary: 'The table sign-ups this device made, with their state and details', tag: 'public', access: 'device', deviceAuth: true,
    responses: { 200: z.array(MySignupSchema) },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
  withdrawSignup: defineRoute({
    method: 'POST', path: '/me/signups/:id/withdraw', summary: 'Withdraw a sign-up: contact details are deleted at once', tag: 'public', access: 'device', deviceAuth: true,
    params: Registration,
    body: z.object({}).strict().optional(),
    responses: { 200: OkSchema },
    errors: deviceErrors,
  }),
  withdrawInterest: defineRoute({
    method: 'POST', path: '/me/interests/:id/withdraw', summary: 'Withdraw from the interest network: contact details are deleted', tag: 'public', access: 'device', deviceAuth: true,
    params: Registration,
    body: z.object({}).strict().optional(),
    responses: { 200: OkSchema },
    errors: deviceErrors,
  }),
  data: defineRoute({
    method: 'GET', path: '/me/data', summary: 'Everything the server holds for this device, as JSON', tag: 'public', access: 'device', deviceAuth: true,
    responses: { 200: MyDataSchema },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
  erase: defineRoute({
    method: 'DELETE', path: '/me', summary: 'Erase everything held for this device; answers to closed items stay only as anonymous counts', tag: 'public', access: 'device', deviceAuth: true,
    responses: { 200: ErasureSchema },
    errors: { 400: ['bad_request'], 429: ['rate_limited'] },
  }),
} as const
