import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { badRequest, HttpError, notFound } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { findPublishedItem, listPublishedItems } from '../repos/item-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { resultsOf } from '../repos/results-repo'
import { itemRoutes as routes } from '../../shared/routes/item-routes'
import { registerRoute } from './register-route'

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db

  registerRoute(app, routes.list,
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

  registerRoute(app, routes.get,
    async (request) => {
      const item = await findPublishedItem(db(), request.params.id, app.clock())
      if (!item) throw notFound('item')
      return item
    },
  )

  registerRoute(app, routes.results,
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
