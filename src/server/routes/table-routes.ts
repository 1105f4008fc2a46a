import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { signupsOfDevice } from '../repos/signup-repo'
import { publishedDraw, registerInterests, registerSignups, withdrawOwnInterest } from '../services/registration-service'
import { confirmGuardianLink, guardianLinkInfo, withdrawOwnSignup } from '../services/table-service'
import { tableRoutes as routes } from '../../shared/routes/table-routes'
import { markDeprecated } from './deprecation'
import { registerRoute } from './register-route'
const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }
/** The routes with the device id in the path answer for one more release, saying so. */
const deprecatedFor = (successor: string) => async (_request: FastifyRequest, reply: FastifyReply) => markDeprecated(reply, successor)

/** Residents sign up for tables and the interest network; their device is their key. */
export const tableRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl, signupPushTopic: app.deviceKeys.signupPushTopic })
  const eraser = () => ({ database: app.database, notifier: app.notifier, log: app.log })

  registerRoute(app, routes.signup, { config: deviceLimit }, async (request) => registerSignups(db(), app.deviceKeys, messenger(), request.body.signups, app.clock()))

  registerRoute(app, routes.interest, { config: deviceLimit }, async (request) => registerInterests(db(), app.deviceKeys, messenger(), request.body.interests, app.clock()))

  registerRoute(app, routes.mySignups, { config: deviceLimit, onRequest: deprecatedFor('/api/me/signups') }, async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return signupsOfDevice(db(), app.deviceKeys.keyFor('signups', request.params.deviceId))
    })

  registerRoute(app, routes.withdrawSignup, { config: deviceLimit, onRequest: deprecatedFor('/api/me/signups/{id}/withdraw') }, async (request) => {
      await withdrawOwnSignup(db(), messenger(), eraser(), request.params.id, app.deviceKeys.keyFor('signups', request.params.deviceId), app.clock())
      return { ok: true as const }
    })

  registerRoute(app, routes.withdrawInterest, { config: deviceLimit, onRequest: deprecatedFor('/api/me/interests/{id}/withdraw') }, async (request) => {
      await withdrawOwnInterest(db(), eraser(), request.params.id, app.deviceKeys.keyFor('interests', request.params.deviceId), app.clock())
      return { ok: true as const }
    })

  registerRoute(app, routes.confirmGuardian, { config: deviceLimit }, async (request) => {
      await confirmGuardianLink(db(), app.deviceKeys.signupPushTopic, request.body.token, app.clock())
      app.push?.worker.wake()
      return { ok: true as const }
    })

  registerRoute(app, routes.guardianLinkInfo, { config: deviceLimit }, async (request) => guardianLinkInfo(db(), request.body.token, app.clock()))

  registerRoute(app, routes.drawRecord, async (request) => publishedDraw(db(), request.params.id))
}
