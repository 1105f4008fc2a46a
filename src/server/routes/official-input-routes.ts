import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { notFound } from '../errors'
import { itemCsv, itemJson } from '../exports/item-export'
import { recordAudit } from '../repos/audit-repo'
import { breakdown, hiddenCount, setAnswerHidden, textAnswers, visibleAnswers } from '../repos/input-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { resultsOf } from '../repos/results-repo'
import { officialInputRoutes as routes } from '../../shared/routes/official-input-routes'
import { registerRoute } from './register-route'

/** Officials read, moderate and export the input on their municipality's items. */
export const officialInputRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db

  async function ownItem(municipality: string, id: string) {
    const item = await findManagedItem(db(), municipality, id, app.clock())
    if (!item) throw notFound('item')
    return item
  }

  registerRoute(app, routes.input,
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

  registerRoute(app, routes.answers,
    async (request) => textAnswers(db(), await ownItem(request.official!.municipality, request.params.id), request.query),
  )

  registerRoute(app, routes.hide,
    async (request) => {
      const official = request.official!
      const item = await ownItem(official.municipality, request.params.id)
      const found = await setAnswerHidden(db(), item, request.params.submissionId, { hidden: true, reason: request.body.reason, by: official.id, at: app.clock() })
      if (!found) throw notFound('answer')
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'answer.hide', itemId: item.id, details: { submissionId: request.params.submissionId, reason: request.body.reason } }, app.clock())
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.unhide,
    async (request) => {
      const official = request.official!
      const item = await ownItem(official.municipality, request.params.id)
      if (!(await setAnswerHidden(db(), item, request.params.submissionId, { hidden: false }))) throw notFound('answer')
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'answer.unhide', itemId: item.id, details: { submissionId: request.params.submissionId } }, app.clock())
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.export,
    async (request, reply) => {
      const official = request.official!
      const item = await ownItem(official.municipality, request.params.id)
      const rows = await visibleAnswers(db(), item.id)
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'item.export', itemId: item.id, details: { format: request.query.format, rows: rows.length } }, app.clock())
      const filename = `meepraat-${item.id}.${request.query.format}`
      reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store')
      if (request.query.format === 'json') return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(itemJson(item, rows))
      return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(itemCsv(item, rows))
    },
  )
}
