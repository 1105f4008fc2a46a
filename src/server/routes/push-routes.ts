import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { pushRoutes as routes } from '../../shared/routes/push-routes'
import { deviceIdOf } from '../auth/device-auth'
import { notFound } from '../errors'
import { addDeviceTopics, deleteDeviceSubscription, putDeviceSubscription } from '../services/push-subscription-service'
import { registerRoute } from './register-route'

const deviceLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } }

export const pushRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const pushOn = () => {
    if (!app.push) throw notFound('Web Push on this server')
    return app.push
  }

  registerRoute(app, routes.publicKey, async () => ({ publicKey: pushOn().settings.vapid.publicKey }))

  // Without a device id nothing can be stored: as for any device route, it changes nothing.
  registerRoute(app, routes.putSubscription, { config: deviceLimit, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    const push = pushOn()
    if (deviceId === null) throw notFound('device')
    reply.header('cache-control', 'no-store')
    return putDeviceSubscription(db(), app.deviceKeys, deviceId, request.body, { allowPrivate: push.settings.allowPrivate, now: app.clock() })
  })

  registerRoute(app, routes.addTopics, { config: deviceLimit, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    pushOn()
    if (deviceId === null) throw notFound('device')
    reply.header('cache-control', 'no-store')
    return addDeviceTopics(db(), app.deviceKeys, deviceId, request.body)
  })

  // Removing works with push switched off too: a device can always take its subscription back.
  registerRoute(app, routes.deleteSubscription, { config: deviceLimit }, async (request, reply) => {
    const deviceId = deviceIdOf(request)
    reply.header('cache-control', 'no-store')
    if (deviceId === null) return { subscribed: false, following: 0 }
    return deleteDeviceSubscription(db(), app.deviceKeys, deviceId)
  })
}
