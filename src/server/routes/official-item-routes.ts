import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { publishedDateProblem, type PublishedDateProblem } from '../../shared/validation/published-dates'
import { breakingQuestionChanges } from '../../shared/validation/question-changes'
import { HttpError, notFound } from '../errors'
import { recordAudit } from '../repos/audit-repo'
import { closeItemNow, createDraft, findManagedItem, findOwnItemRow, listManagedItems, publishItem, stateOf, updateItemContent } from '../repos/managed-item-repo'
import { readCounts } from '../repos/result-counts'
import { officialItemRoutes as routes } from '../../shared/routes/official-item-routes'
import { registerRoute } from './register-route'

const PUBLISHED_DATE_MESSAGES: Record<PublishedDateProblem, string> = {
  closes_at_in_past: 'A published item cannot get a closing date in the past; use close to close it now',
  feedback_due_earlier: 'The feedback date of a published item can only move later',
  feedback_due_in_past: 'The feedback date of a published item cannot move into the past',
  feedback_delay_reason_required: 'Moving the feedback date later needs a reason residents can read (feedbackDelayReason)',
}

/** Officials write, publish and close the items of their own municipality. */
export const officialItemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const db = () => app.database.db

  async function ownRow(municipality: string, id: string) {
    const row = await findOwnItemRow(db(), municipality, id)
    // Another municipality's item answers exactly like a missing one.
    if (!row) throw notFound('item')
    return row
  }

  async function managed(municipality: string, id: string) {
    const item = await findManagedItem(db(), municipality, id, app.clock())
    if (!item) throw notFound('item')
    return item
  }

  registerRoute(app, routes.list,
    async (request) => ({ items: await listManagedItems(db(), request.official!.municipality, app.clock()) }),
  )

  registerRoute(app, routes.create,
    async (request, reply) => {
      const official = request.official!
      const id = await createDraft(db(), official.municipality, official.id, request.body)
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'item.create', itemId: id, details: { kind: request.body.kind } }, app.clock())
      return reply.status(201).send(await managed(official.municipality, id))
    },
  )

  registerRoute(app, routes.get,
    async (request) => managed(request.official!.municipality, request.params.id),
  )

  registerRoute(app, routes.update,
    async (request) => {
      const official = request.official!
      const row = await ownRow(official.municipality, request.params.id)
      if (row.kind !== request.body.kind && row.publishedAt) throw new HttpError(409, 'conflict', 'The kind of a published item cannot change')
      if (row.publishedAt) {
        const problems = breakingQuestionChanges(row.questions, request.body.questions, await readCounts(db(), row.id))
        if (problems.length > 0) throw new HttpError(409, 'conflict', `This change would break answers already given: ${problems.join('; ')}`)
        const dateProblem = publishedDateProblem(row, { closesAt: new Date(request.body.closesAt), feedbackDueAt: new Date(request.body.feedbackDueAt), feedbackDelayReason: request.body.feedbackDelayReason }, app.clock())
        if (dateProblem) throw new HttpError(409, dateProblem, PUBLISHED_DATE_MESSAGES[dateProblem])
      }
      await updateItemContent(db(), row, request.body, app.clock())
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'item.update', itemId: row.id }, app.clock())
      return managed(official.municipality, row.id)
    },
  )

  registerRoute(app, routes.publish,
    async (request) => {
      const official = request.official!
      const row = await ownRow(official.municipality, request.params.id)
      if (row.publishedAt) throw new HttpError(409, 'conflict', 'This item is already published')
      if (row.kind !== 'table' && row.questions.length === 0) throw new HttpError(409, 'conflict', 'Add at least one question before publishing')
      if (row.closesAt <= app.clock()) throw new HttpError(409, 'conflict', 'The closing date has passed; change it first')
      await publishItem(db(), row.id, app.clock())
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'item.publish', itemId: row.id }, app.clock())
      return managed(official.municipality, row.id)
    },
  )

  registerRoute(app, routes.close,
    async (request) => {
      const official = request.official!
      const row = await ownRow(official.municipality, request.params.id)
      if (stateOf(row, app.clock()) !== 'open') throw new HttpError(409, 'conflict', 'Only an open item can be closed')
      await closeItemNow(db(), row.id, app.clock())
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'item.close', itemId: row.id }, app.clock())
      return managed(official.municipality, row.id)
    },
  )
}
