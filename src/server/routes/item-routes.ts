import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { ItemIdParamsSchema, ItemListQuerySchema, ItemListSchema, ItemSchema } from '../../shared/schemas/item'
import { ResultsSchema } from '../../shared/schemas/results'
import { publicResults, publishedItem, publishedItems } from '../services/public-item-service'

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db

  app.get(
    '/api/items',
    {
      schema: {
        summary: 'Published items of a municipality; with `since`, only those changed after the cursor',
        tags: ['public'],
        querystring: ItemListQuerySchema,
        response: { 200: ItemListSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => publishedItems(db(), request.query, app.clock()),
  )

  app.get(
    '/api/items/:id',
    {
      schema: {
        summary: 'One published item',
        tags: ['public'],
        params: ItemIdParamsSchema,
        response: { 200: ItemSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => publishedItem(db(), request.params.id, app.clock()),
  )

  app.get(
    '/api/items/:id/results',
    {
      schema: {
        summary: 'Results of an item, when the item lets residents see them',
        tags: ['public'],
        params: ItemIdParamsSchema,
        response: { 200: ResultsSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => publicResults(db(), request.params.id, app.clock()),
  )
}
