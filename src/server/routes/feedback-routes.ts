import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { FeedbackInputSchema } from '../../shared/schemas/feedback'
import { ManagedItemSchema } from '../../shared/schemas/item-draft'
import { correctFeedback, giveFeedback } from '../services/feedback-service'

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema }

/** Officials publish terugkoppeling on their municipality's items, and correct it openly. */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  const context = () => ({ db: app.database.db, now: app.clock() })

  app.post(
    '/api/items/:id/feedback',
    {
      schema: {
        summary: 'Publish feedback: what was done with the input',
        tags: ['official'],
        params: z.object({ id: z.uuid() }),
        body: FeedbackInputSchema,
        response: { 201: ManagedItemSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await giveFeedback(context(), request.official!, request.params.id, request.body)),
  )

  app.post(
    '/api/items/:id/feedback/:feedbackId/correction',
    {
      schema: {
        summary: 'Correct a feedback entry; the original stays visible, marked as corrected',
        tags: ['official'],
        params: z.object({ id: z.uuid(), feedbackId: z.uuid() }),
        body: FeedbackInputSchema,
        response: { 201: ManagedItemSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await correctFeedback(context(), request.official!, request.params.id, request.params.feedbackId, request.body)),
  )
}
