import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { accountabilityOf, publicFeedbackFigures } from '../services/accountability-service'
import { accountabilityRoutes as routes } from '../../shared/routes/accountability-routes'
import { registerRoute } from './register-route'
import { guardOf } from './route-guard'

/** Public: the feedback figures of a municipality (its own evaluation measure). */
export const publicFiguresRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.feedbackFigures, async (request) => publicFeedbackFigures(app.database.db, request.params.slug, app.clock()))
}

/** Officials: what feedback is overdue or due soon, and the same figures. */
export const officialAccountabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  // Council members see it too: what the municipality still owes, their own advice included.
  registerRoute(app, routes.official, guardOf(app, routes.official), async (request) => accountabilityOf(app.database.db, request.official!.municipality, app.clock()))
}
