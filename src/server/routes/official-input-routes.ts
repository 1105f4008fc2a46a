import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { breakdown, hiddenCount, textAnswers, visibleAnswers } from '../repos/input-repo'
import { resultsOf } from '../repos/results-repo'
import { exportInput, hideAnswer, ownItem as findOwnItem, unhideAnswer } from '../services/input-service'
import { officialInputRoutes as routes } from '../../shared/routes/official-input-routes'
import type { Actor } from '../services/context'
import { registerRoute } from './register-route'

/** Officials read, moderate and export the input on their municipality's items. */
export const officialInputRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })
  const ownItem = (official: Actor, id: string) => findOwnItem(db(), official, id, app.clock())

  registerRoute(app, routes.input, async (request) => {
      const item = await ownItem(request.official!, request.params.id)
      const [results, rows, hidden] = await Promise.all([resultsOf(db(), item), visibleAnswers(db(), item.id), hiddenCount(db(), item.id)])
      return {
        itemId: item.id,
        results,
        hiddenCount: hidden,
        byAgeBand: breakdown(item.questions, rows, (r) => r.ageBand),
        byArea: breakdown(item.questions, rows, (r) => r.area),
        byChannel: breakdown(item.questions, rows, (r) => r.channel),
        byPartner: breakdown(item.questions, rows, (r) => r.partnerId),
        ...(item.regionSlug ? { byMunicipality: breakdown(item.questions, rows, (r) => r.municipality) } : {}),
      }
    })

  registerRoute(app, routes.answers, async (request) => textAnswers(db(), await ownItem(request.official!, request.params.id), request.query))

  registerRoute(app, routes.hide, async (request) => {
      await hideAnswer(context(), request.official!, request.params.id, request.params.submissionId, request.body.reason)
      return { ok: true as const }
    })

  registerRoute(app, routes.unhide, async (request) => {
      await unhideAnswer(context(), request.official!, request.params.id, request.params.submissionId)
      return { ok: true as const }
    })

  registerRoute(app, routes.export, async (request, reply) => {
      const exported = await exportInput(context(), request.official!, request.params.id, request.query.format)
      reply.header('content-disposition', `attachment; filename="${exported.filename}"`).header('cache-control', 'no-store')
      if (exported.format === 'json') return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(exported.body)
      return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(exported.body)
    })
}
