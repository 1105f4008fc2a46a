import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES } from '../../shared/schemas/municipality-admin'
import { officialMunicipalityRoutes as routes } from '../../shared/routes/official-municipality-routes'
import { badRequest, notFound } from '../errors'
import { findLogoInfo, type LogoContentType } from '../repos/logo-repo'
import { findVocabulary } from '../repos/municipality-repo'
import { removeOwnLogo, replaceOwnLogo } from '../services/logo-service'
import { ownMunicipality, updateOwnMunicipality } from '../services/municipality-service'
import { registerRoute } from './register-route'

/**
 * The admin's "Gemeente" page: their own municipality only (the session decides which), so an
 * admin of one municipality has no way to name another.
 */
export const officialMunicipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(vocabularyRoute)
  await app.register(adminMunicipalityRoutes)
}

/** Every official reads the lists their forms offer (themes of items, areas of breakdowns). */
const vocabularyRoute: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())
  registerRoute(app, routes.vocabulary, async (request) => {
    const vocabulary = await findVocabulary(app.database.db, request.official!.municipality)
    if (!vocabulary) throw notFound('municipality')
    return vocabulary
  })
}

const adminMunicipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial('admin'))
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  // Logos arrive as raw bytes; these parsers exist only inside this plugin. Bodies a little over
  // the limit are read so the admin hears "too large" (400) rather than a bare 413.
  app.addContentTypeParser([...LOGO_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: 4 * LOGO_MAX_BYTES }, (_request, body, done) => done(null, body))

  const view = async (slug: string) => ({ ...(await ownMunicipality(db(), slug)), logo: await findLogoInfo(db(), slug) })

  registerRoute(app, routes.ownMunicipality, async (request) => view(request.official!.municipality))

  registerRoute(app, routes.updateOwnMunicipality, async (request) => {
    await updateOwnMunicipality(context(), request.official!, request.body)
    return view(request.official!.municipality)
  })

  registerRoute(app, routes.replaceLogo, { bodyLimit: 4 * LOGO_MAX_BYTES }, async (request) => {
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() as LogoContentType | undefined
    const body: unknown = request.body
    if (!contentType || !(LOGO_CONTENT_TYPES as readonly string[]).includes(contentType) || !Buffer.isBuffer(body)) throw badRequest('Send the logo as the raw bytes of an image/svg+xml or image/png file')
    return replaceOwnLogo(context(), request.official!, contentType, body)
  })

  registerRoute(app, routes.removeLogo, async (request) => {
    await removeOwnLogo(context(), request.official!)
    return { ok: true as const }
  })
}
