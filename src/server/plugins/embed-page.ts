import { existsSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SlugSchema } from '../../shared/schemas/common'
import { findMunicipalitySettings } from '../repos/municipality-repo'
import { allowFramingBy } from './security-headers'

/** The widget's own page in the build (`src/client/embed/index.html`). */
export const EMBED_PAGE = 'embed/index.html'

export interface EmbedPageOptions {
  root: string
  enabled: boolean
}

/**
 * `/embed/SLUG`: the widget a municipality frames on its website. The only page that may be
 * framed, and only by the origins the municipality allows (`embedOrigins`); with none set, or
 * for a slug we do not know (a 404 the widget explains), it keeps `frame-ancestors 'none'`.
 * Registered after the static plugin, whose `sendFile` it uses.
 */
export const embedPagePlugin = fp(async (app: FastifyInstance, options: EmbedPageOptions) => {
  const root = path.resolve(options.root)
  if (!options.enabled || !existsSync(path.join(root, EMBED_PAGE))) return
  app.get<{ Params: { slug: string } }>('/embed/:slug', async (request, reply) => {
    const slug = SlugSchema.safeParse(request.params.slug)
    const settings = slug.success ? await findMunicipalitySettings(app.database.db, slug.data) : null
    allowFramingBy(reply, settings?.embedOrigins ?? [])
    // Settings can change at any time: the browser asks again on every visit.
    reply.header('cache-control', 'no-cache')
    return reply.code(settings ? 200 : 404).sendFile(EMBED_PAGE, root)
  })
})
