import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { emailAlertRoutes as routes } from '../../shared/routes/email-alert-routes'
import { deviceIdOf } from '../auth/device-auth'
import { transactionalMail } from '../notify/transactional-mail'
import { askEmailAlert, confirmAlertLink, emailAlertsOf, removeEmailAlert, unsubscribeAlertLink, unsubscribeTokensWith } from '../services/email-alert-service'
import { registerRoute } from './register-route'

const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }
/** Asking sends a mail to an address anyone can type: fewer per minute, so the form is no mail cannon. */
const askLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } }
/** Tokens are 256 bits; the limit only keeps a scanner from loading the database. */
const linkLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/** E-mail alerts per item: the device asks, lists and deletes its own; the mailed links confirm and unsubscribe. */
export const emailAlertRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const mailing = () => ({ mail: transactionalMail(app.notifier), publicUrl: app.publicUrl, unsubscribeTokenOf: unsubscribeTokensWith(app.deviceKeys) })
  const forget = async (ids: string[]) => {
    await app.notifier.forget?.(ids)
  }

  registerRoute(app, routes.ask, { config: askLimit }, async (request, reply) => {
    const alert = await askEmailAlert(db(), app.deviceKeys, mailing(), deviceIdOf(request), request.body, app.clock())
    return reply.status(201).header('cache-control', 'no-store').send(alert)
  })

  registerRoute(app, routes.mine, { config: deviceLimit }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return emailAlertsOf(db(), app.deviceKeys, deviceIdOf(request))
  })

  registerRoute(app, routes.remove, { config: deviceLimit }, async (request) => {
    await removeEmailAlert(db(), app.deviceKeys, forget, deviceIdOf(request), request.params.id)
    return { ok: true as const }
  })

  registerRoute(app, routes.confirm, { config: linkLimit }, async (request) => confirmAlertLink(db(), request.body.token, app.clock()))

  registerRoute(app, routes.unsubscribe, { config: linkLimit }, async (request) => unsubscribeAlertLink(db(), forget, request.body.token))
}
