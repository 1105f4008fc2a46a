import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { ItemIdParamsSchema, ItemListQuerySchema, ItemListSchema, ItemSchema } from '../../shared/schemas/item'
import { ResultsSchema } from '../../shared/schemas/results'
import { badRequest, HttpError, notFound } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { findPublishedItem, listPublishedItems } from '../repos/item-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { resultsOf } from '../repos/results-repo'

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
    async (request) => {
      const { municipality, kind, since } = request.query
      const parsed = since === undefined ? undefined : parseCursor(since)
      if (parsed?.kind === 'invalid') throw badRequest('since: not a cursor returned by this API')
      if (!(await findMunicipality(db(), municipality))) throw notFound('municipality')
      // A cursor of an earlier version reads everything again; clients merge items by id.
      const cursor = parsed?.kind === 'cursor' ? parsed.cursor : undefined
      return listPublishedItems(db(), { municipality, kind, since: cursor, now: app.clock() })
    },
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
    async (request) => {
      const item = await findPublishedItem(db(), request.params.id, app.clock())
      if (!item) throw notFound('item')
      return item
    },
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
    async (request) => {
      const item = await findPublishedItem(db(), request.params.id, app.clock())
      if (!item) throw notFound('item')
      const visible =
        item.resultsVisibility === 'direct' || (item.resultsVisibility === 'after_close' && item.status === 'closed')
      if (!visible) throw new HttpError(403, 'forbidden', 'The results of this item are not public (yet)')
      return resultsOf(db(), item)
    },
  )
}
