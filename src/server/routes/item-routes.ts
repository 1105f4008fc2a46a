import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { publicResults, publishedItem, publishedItems } from '../services/public-item-service'
import { itemRoutes as routes } from '../../shared/routes/item-routes'
import { registerRoute } from './register-route'

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db

  registerRoute(app, routes.list, async (request) => publishedItems(db(), request.query, app.clock()))

  registerRoute(app, routes.get, async (request) => publishedItem(db(), request.params.id, app.clock()))

  registerRoute(app, routes.results, async (request) => publicResults(db(), request.params.id, app.clock()))
}
