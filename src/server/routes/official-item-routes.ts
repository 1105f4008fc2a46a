import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { itemsInReach } from '../services/item-access'
import { closeOwnItem, createItem, managedItem, publishOwnItem, updateItem } from '../services/item-service'
import { officialItemRoutes as routes } from '../../shared/routes/official-item-routes'
import { registerRoute } from './register-route'
import { guardOf } from './route-guard'

/**
 * Officials write, publish and close the items of their own municipality; regional items per
 * `item-access.ts`. Council members read the list and each item (read-only), so each route has its own guard.
 */
export const officialItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  registerRoute(app, routes.list, guardOf(app, routes.list), async (request) => ({ items: await itemsInReach(db(), request.official!, app.clock()) }))

  registerRoute(app, routes.create, guardOf(app, routes.create), async (request, reply) => reply.status(201).send(await createItem(context(), request.official!, request.body)))

  registerRoute(app, routes.get, guardOf(app, routes.get), async (request) => managedItem(context(), request.official!, request.params.id))

  registerRoute(app, routes.update, guardOf(app, routes.update), async (request) => updateItem(context(), request.official!, request.params.id, request.body))

  registerRoute(app, routes.publish, guardOf(app, routes.publish), async (request) => publishOwnItem(context(), request.official!, request.params.id))

  registerRoute(app, routes.close, guardOf(app, routes.close), async (request) => closeOwnItem(context(), request.official!, request.params.id))
}
