import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { networkRoutes as routes } from '../../shared/routes/network-routes'
import { transactionalMail } from '../notify/transactional-mail'
import { exportNetwork, inviteNetwork, networkMembers, optOutOfNetwork } from '../services/network-service'
import { registerRoute } from './register-route'

/** Tokens are 256 bits; the limit only keeps a scanner from loading the database. */
const linkLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/**
 * The Benader mij network: officials invite it to items; admins read and export the contact list
 * (personal data of the whole network, so admins only, never the council); members leave by link.
 */
export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = () => ({ db: app.database.db, now: app.clock() })

  registerRoute(app, routes.invite, { preHandler: app.requireOfficial() }, async (request) =>
    inviteNetwork(context(), transactionalMail(app.notifier), app.publicUrl, request.official!, request.params.id, request.body, (id) => app.deviceKeys.interestPushTopic(id)),
  )

  registerRoute(app, routes.members, { preHandler: app.requireOfficial('admin') }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return networkMembers(context(), request.official!)
  })

  registerRoute(app, routes.export, { preHandler: app.requireOfficial('admin') }, async (request, reply) => {
    const exported = await exportNetwork(context(), request.official!)
    reply.header('content-disposition', `attachment; filename="${exported.filename}"`).header('cache-control', 'no-store')
    return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(exported.body)
  })

  registerRoute(app, routes.optOut, { config: linkLimit }, async (request) => {
    await optOutOfNetwork(app.database.db, { database: app.database, notifier: app.notifier, log: app.log }, request.body.token, app.clock())
    return { ok: true as const }
  })
}
