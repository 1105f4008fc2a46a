import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { notFound } from '../errors'
import { feedbackDue, feedbackFigures } from '../repos/accountability-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { accountabilityRoutes as routes } from '../../shared/routes/accountability-routes'
import { registerRoute } from './register-route'

/** Public: the feedback figures of a municipality (its own evaluation measure). */
export const publicFiguresRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.feedbackFigures,
    async (request) => {
      if (!(await findMunicipality(app.database.db, request.params.slug))) throw notFound('municipality')
      return feedbackFigures(app.database.db, request.params.slug, app.clock())
    },
  )
}

/** Officials: what feedback is overdue or due soon, and the same figures. */
export const officialAccountabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  registerRoute(app, routes.official,
    async (request) => {
      const municipality = request.official!.municipality
      const now = app.clock()
      const [due, figures] = await Promise.all([feedbackDue(app.database.db, municipality, now), feedbackFigures(app.database.db, municipality, now)])
      return { due, figures }
    },
  )
}
