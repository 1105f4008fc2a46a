import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { pushRoutes as routes } from '../../shared/routes/push-routes'
import { notFound } from '../errors'
import { registerRoute } from './register-route'

export const pushRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.publicKey, async () => {
    if (!app.push) throw notFound('Web Push on this server')
    return { publicKey: app.push.settings.vapid.publicKey }
  })
}
