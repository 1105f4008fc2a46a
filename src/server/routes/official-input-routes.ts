import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { ExportQuerySchema, HideRequestSchema, ItemInputSchema, TextAnswerPageSchema, TextAnswerQuerySchema } from '../../shared/schemas/input'
import { ItemIdSchema } from '../../shared/schemas/item-draft'
import { OkSchema } from '../../shared/schemas/official'
import { breakdown, hiddenCount, textAnswers, visibleAnswers } from '../repos/input-repo'
import { resultsOf } from '../repos/results-repo'
import { exportInput, hideAnswer, ownItem as findOwnItem, unhideAnswer } from '../services/input-service'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema }
const AnswerParamsSchema = z.object({ id: z.uuid(), submissionId: z.uuid() })

/** Officials read, moderate and export the input on their municipality's items. */
export const officialInputRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })
  const ownItem = (municipality: string, id: string) => findOwnItem(db(), municipality, id, app.clock())

  app.get(
    '/api/official/items/:id/input',
    { schema: { summary: 'Results with breakdowns by age band and area (small groups suppressed)', tags: ['official'], params: ItemIdSchema, response: { 200: ItemInputSchema, ...errors } } },
    async (request) => {
      const item = await ownItem(request.official!.municipality, request.params.id)
      const [results, rows, hidden] = await Promise.all([resultsOf(db(), item), visibleAnswers(db(), item.id), hiddenCount(db(), item.id)])
      return {
        itemId: item.id,
        results,
        hiddenCount: hidden,
        byAgeBand: breakdown(item.questions, rows, (r) => r.ageBand),
        byArea: breakdown(item.questions, rows, (r) => r.area),
      }
    },
  )

  app.get(
    '/api/official/items/:id/answers',
    { schema: { summary: 'Open text answers, paged and searchable', tags: ['official'], params: ItemIdSchema, querystring: TextAnswerQuerySchema, response: { 200: TextAnswerPageSchema, ...errors } } },
    async (request) => textAnswers(db(), await ownItem(request.official!.municipality, request.params.id), request.query),
  )

  app.post(
    '/api/official/items/:id/answers/:submissionId/hide',
    { schema: { summary: 'Hide an answer (kept for audit, out of results and exports)', tags: ['official'], params: AnswerParamsSchema, body: HideRequestSchema, response: { 200: OkSchema, ...errors } } },
    async (request) => {
      await hideAnswer(context(), request.official!, request.params.id, request.params.submissionId, request.body.reason)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/official/items/:id/answers/:submissionId/unhide',
    { schema: { summary: 'Show a hidden answer again', tags: ['official'], params: AnswerParamsSchema, body: z.object({}).strict().optional(), response: { 200: OkSchema, ...errors } } },
    async (request) => {
      await unhideAnswer(context(), request.official!, request.params.id, request.params.submissionId)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/official/items/:id/export',
    {
      schema: {
        summary: 'Export the visible input as CSV (UTF-8 with BOM) or JSON',
        tags: ['official'],
        params: ItemIdSchema,
        querystring: ExportQuerySchema,
        produces: ['text/csv', 'application/json'],
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const exported = await exportInput(context(), request.official!, request.params.id, request.query.format)
      reply.header('content-disposition', `attachment; filename="${exported.filename}"`).header('cache-control', 'no-store')
      if (exported.format === 'json') return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(exported.body)
      return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(exported.body)
    },
  )
}
