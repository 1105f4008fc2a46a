import { z } from 'zod'
import { SlugSchema } from '../schemas/common'
import { SignalBatchResultSchema, SignalBatchSchema, SignalListQuerySchema, SignalListSchema, SignalSupportSchema } from '../schemas/signal'
import { defineRoute } from './route'

/** Residents raise signals and proposals, read the published ones and back each other's topics. */
export const signalRoutes = {
  submit: defineRoute({
    method: 'POST', path: '/signals', summary: 'Batch ingest of signals and proposals, exactly once per signal id', tag: 'public', access: 'public',
    body: SignalBatchSchema,
    responses: { 200: SignalBatchResultSchema },
    errors: { 400: ['bad_request'], 413: ['payload_too_large'], 415: ['unsupported_media_type'], 429: ['rate_limited'] },
  }),
  list: defineRoute({
    method: 'GET', path: '/municipalities/:slug/signals', summary: 'Published signals with status, support count, response and response-due date', tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }),
    query: SignalListQuerySchema,
    responses: { 200: SignalListSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  support: defineRoute({
    method: 'POST', path: '/signals/:id/support', summary: '"Dit herken ik": once per device, repeats are no-ops', tag: 'public', access: 'device', deviceAuth: true,
    params: z.object({ id: z.uuid() }),
    body: z.object({}).strict().optional(),
    responses: { 200: SignalSupportSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'], 429: ['rate_limited'] },
  }),
} as const
