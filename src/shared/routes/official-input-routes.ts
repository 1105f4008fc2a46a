import { z } from 'zod'
import { ExportQuerySchema, HideRequestSchema, ItemInputSchema, TextAnswerPageSchema, TextAnswerQuerySchema } from '../schemas/input'
import { ItemIdSchema } from '../schemas/item-draft'
import { OkSchema } from '../schemas/official'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const
const AnswerParamsSchema = z.object({ id: z.uuid(), submissionId: z.uuid() })

/** Officials read, moderate and export the input on their municipality's items. */
export const officialInputRoutes = {
  input: defineRoute({
    method: 'GET', path: '/official/items/:id/input', summary: 'Results with breakdowns by age band and area (small groups suppressed)', tag: 'official', access: 'member',
    params: ItemIdSchema,
    responses: { 200: ItemInputSchema }, errors,
  }),
  answers: defineRoute({
    method: 'GET', path: '/official/items/:id/answers', summary: 'Open text answers, paged and searchable', tag: 'official', access: 'official',
    params: ItemIdSchema, query: TextAnswerQuerySchema,
    responses: { 200: TextAnswerPageSchema }, errors,
  }),
  hide: defineRoute({
    method: 'POST', path: '/official/items/:id/answers/:submissionId/hide', summary: 'Hide an answer (kept for audit, out of results and exports)', tag: 'official', access: 'official',
    params: AnswerParamsSchema, body: HideRequestSchema,
    responses: { 200: OkSchema }, errors,
  }),
  unhide: defineRoute({
    method: 'POST', path: '/official/items/:id/answers/:submissionId/unhide', summary: 'Show a hidden answer again', tag: 'official', access: 'official',
    params: AnswerParamsSchema, body: z.object({}).strict().optional(),
    responses: { 200: OkSchema }, errors,
  }),
  export: defineRoute({
    method: 'GET', path: '/official/items/:id/export', summary: 'Export the visible input as CSV (UTF-8 with BOM) or JSON', tag: 'official', access: 'official',
    params: ItemIdSchema, query: ExportQuerySchema,
    produces: ['text/csv', 'application/json'],
    responses: { 200: z.unknown() }, errors,
  }),
} as const
