import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AccountabilitySchema, FeedbackFiguresSchema } from '../../shared/schemas/accountability'
import { SlugSchema } from '../../shared/schemas/common'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { accountabilityOf, publicFeedbackFigures } from '../services/accountability-service'

/** Public: the feedback figures of a municipality (its own evaluation measure). */
export const publicFiguresRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/municipalities/:slug/feedback-figures',
    {
      schema: {
        summary: 'Share of closed items with feedback and median days to first feedback',
        tags: ['public'],
        params: z.object({ slug: SlugSchema }),
        response: { 200: FeedbackFiguresSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => publicFeedbackFigures(app.database.db, request.params.slug, app.clock()),
  )
}

/** Officials: what feedback is overdue or due soon, and the same figures. */
export const officialAccountabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  app.get(
    '/api/official/accountability',
    {
      schema: {
        summary: 'Items whose feedback is overdue or due within 14 days, and the feedback figures',
        tags: ['official'],
        response: { 200: AccountabilitySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => accountabilityOf(app.database.db, request.official!.municipality, app.clock()),
  )
}
