import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { deviceIdOf } from '../auth/device-auth'
import { notFound } from '../errors'
import { signupsOfDevice } from '../repos/signup-repo'
import { deviceInbox } from '../services/inbox-service'
import { eraseDevice, myData } from '../services/my-data-service'
import { withdrawOwnInterest } from '../services/registration-service'
import { withdrawOwnSignup } from '../services/table-service'
import { meRoutes as routes } from '../../shared/routes/me-routes'
import { registerRoute } from './register-route'

const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/**
 * The device's own routes, with the id in `Authorization: Device <id>` instead of the path. Each
 * purpose is looked up under its own key; an unknown id looks exactly like a device without
 * anything, and a missing one too.
 */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl, signupPushTopic: app.deviceKeys.signupPushTopic })
  const eraser = () => ({ database: app.database, notifier: app.notifier, log: app.log })

  registerRoute(app, routes.inbox, { config: deviceLimit }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    return deviceInbox(db(), app.deviceKeys, deviceId, request.query.since, app.clock())
  })

  registerRoute(app, routes.signups, { config: deviceLimit }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    return deviceId === null ? [] : signupsOfDevice(db(), app.deviceKeys.keyFor('signups', deviceId))
  })

  registerRoute(app, routes.withdrawSignup, { config: deviceLimit }, async (request) => {
    const deviceId = deviceIdOf(request)
    if (deviceId === null) throw notFound('sign-up')
    await withdrawOwnSignup(db(), messenger(), eraser(), request.params.id, app.deviceKeys.keyFor('signups', deviceId), app.clock())
    return { ok: true as const }
  })

  registerRoute(app, routes.withdrawInterest, { config: deviceLimit }, async (request) => {
    const deviceId = deviceIdOf(request)
    if (deviceId === null) throw notFound('registration')
    await withdrawOwnInterest(db(), eraser(), request.params.id, app.deviceKeys.keyFor('interests', deviceId), app.clock())
    return { ok: true as const }
  })

  registerRoute(app, routes.data, { config: deviceLimit }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    return myData(db(), app.deviceKeys, deviceId)
  })

  // Few per device in practice (once, and its retries); the limit keeps erasing from being a load test.
  registerRoute(app, routes.erase, { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    return eraseDevice(db(), messenger(), eraser(), app.deviceKeys, deviceId, app.clock())
  })
}
