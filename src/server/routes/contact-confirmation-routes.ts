import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { contactConfirmationRoutes as routes } from '../../shared/routes/contact-confirmation-routes'
import { confirmContactLink } from '../services/contact-confirmation-service'
import { registerRoute } from './register-route'

/**
 * Tokens are 256 bits, so guessing is hopeless; the limit (the registration routes' own) keeps a
 * scanner from loading the database, while a household behind one address still gets through.
 */
const linkLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/** The link in a confirmation e-mail, opened on the resident app's page, lands here. */
export const contactConfirmationRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.confirmContact, { config: linkLimit }, async (request) => confirmContactLink(app.database.db, request.body.token, app.clock()))
}
