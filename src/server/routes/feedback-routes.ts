import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError, notFound } from '../errors'
import { recordAudit } from '../repos/audit-repo'
import { AlreadyCorrectedError, correctableFeedback, publishFeedback } from '../repos/feedback-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { feedbackRoutes as routes } from '../../shared/routes/feedback-routes'
import { registerRoute } from './register-route'

/** Officials publish terugkoppeling on their municipality's items, and correct it openly. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db

  async function publishedItem(municipality: string, id: string) {
    const item = await findManagedItem(db(), municipality, id, app.clock())
    if (!item) throw notFound('item')
    if (item.state === 'draft') throw new HttpError(409, 'conflict', 'Publish the item before giving feedback on it')
    return item
  }

  registerRoute(app, routes.publish,
    async (request, reply) => {
      const official = request.official!
      const item = await publishedItem(official.municipality, request.params.id)
      const id = await publishFeedback(db(), { itemId: item.id, officialId: official.id, entry: request.body }, app.clock())
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'feedback.publish', itemId: item.id, details: { feedbackId: id, outcome: request.body.outcome } }, app.clock())
      return reply.status(201).send(await publishedItem(official.municipality, item.id))
    },
  )

  registerRoute(app, routes.correct,
    async (request, reply) => {
      const official = request.official!
      const item = await publishedItem(official.municipality, request.params.id)
      const state = await correctableFeedback(db(), item.id, request.params.feedbackId)
      if (state === 'unknown') throw notFound('feedback')
      if (state === 'already_corrected') throw new HttpError(409, 'conflict', 'This entry was corrected already; correct the correction instead')
      const id = await publishFeedback(db(), { itemId: item.id, officialId: official.id, correctsId: request.params.feedbackId, entry: request.body }, app.clock()).catch((error: unknown) => {
        throw error instanceof AlreadyCorrectedError ? new HttpError(409, 'conflict', 'This entry was corrected already; correct the correction instead') : error
      })
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'feedback.correct', itemId: item.id, details: { feedbackId: id, corrects: request.params.feedbackId } }, app.clock())
      return reply.status(201).send(await publishedItem(official.municipality, item.id))
    },
  )
}
