import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { shareRoutes as routes } from '../../shared/routes/share-routes'
import { notFound } from '../errors'
import { findPublishedItem } from '../repos/item-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { itemLink, municipalityLink, qrSvg } from '../reach/share-links'
import { registerRoute } from './register-route'

export const shareRoutes: FastifyPluginAsyncZod = async (app) => {
  const sendSvg = async (reply: FastifyReply, link: string) =>
    reply
      .type('image/svg+xml; charset=utf-8')
      // Same link, same code: safe to cache for a day.
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .serializer((x: unknown) => x as string)
      .send(await qrSvg(link))

  registerRoute(app, routes.itemQr, async (request, reply) => {
    const item = await findPublishedItem(app.database.db, request.params.id, app.clock())
    if (!item) throw notFound('item')
    return sendSvg(reply, itemLink(app.publicUrl, item.id))
  })

  registerRoute(app, routes.municipalityQr, async (request, reply) => {
    if (!(await findMunicipality(app.database.db, request.params.slug))) throw notFound('municipality')
    return sendSvg(reply, municipalityLink(app.publicUrl, request.params.slug))
  })
}
