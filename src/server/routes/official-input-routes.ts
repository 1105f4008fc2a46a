import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { answerBreakdowns } from '../repos/breakdown-repo'
import { hiddenCount, textAnswers } from '../repos/input-repo'
import { resultsOf } from '../repos/results-repo'
import { hideAnswer, streamInputExport, ownItem as findOwnItem, unhideAnswer } from '../services/input-service'
import { officialInputRoutes as routes } from '../../shared/routes/official-input-routes'
import type { Actor } from '../services/context'
import { registerRoute } from './register-route'
import { guardOf } from './route-guard'
import { exportStream } from '../exports/export-stream'

/**
 * Officials read, moderate and export the input on their municipality's items. Council members
 * read only the aggregated results and breakdowns (not the text answers before moderation, not
 * the export), so each route has its own guard.
 */
export const officialInputRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })
  const ownItem = (official: Actor, id: string) => findOwnItem(db(), official, id, app.clock())

  registerRoute(app, routes.input, guardOf(app, routes.input), async (request) => {
      const item = await ownItem(request.official!, request.params.id)
      const dimensions = item.regionSlug ? (['ageBand', 'area', 'channel', 'partnerId', 'municipality'] as const) : (['ageBand', 'area', 'channel', 'partnerId'] as const)
      const [results, groups, hidden] = await Promise.all([resultsOf(db(), item), answerBreakdowns(db(), item.id, item.questions, dimensions), hiddenCount(db(), item.id)])
      return {
        itemId: item.id,
        results,
        hiddenCount: hidden,
        byAgeBand: groups.ageBand,
        byArea: groups.area,
        byChannel: groups.channel,
        byPartner: groups.partnerId,
        ...(item.regionSlug ? { byMunicipality: groups.municipality } : {}),
      }
    })

  registerRoute(app, routes.answers, guardOf(app, routes.answers), async (request) => textAnswers(db(), await ownItem(request.official!, request.params.id), request.query))

  registerRoute(app, routes.hide, guardOf(app, routes.hide), async (request) => {
      await hideAnswer(context(), request.official!, request.params.id, request.params.submissionId, request.body.reason)
      return { ok: true as const }
    })

  registerRoute(app, routes.unhide, guardOf(app, routes.unhide), async (request) => {
      await unhideAnswer(context(), request.official!, request.params.id, request.params.submissionId)
      return { ok: true as const }
    })

  registerRoute(app, routes.export, guardOf(app, routes.export), async (request, reply) => {
      const { stream, sink, started } = exportStream()
      const exporting = streamInputExport(context(), request.official!, request.params.id, request.query.format, sink)
      // Until the first byte, a refusal (not found, not allowed) still answers as an error body.
      const file = await Promise.race([started, exporting.then(() => started)])
      exporting.then(
        () => stream.end(),
        (error: unknown) => {
          request.log.warn({ err: error }, 'export stopped')
          stream.destroy(error instanceof Error ? error : new Error(String(error)))
        },
      )
      reply.header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store')
      return reply.type(file.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8').send(stream)
    })
}
