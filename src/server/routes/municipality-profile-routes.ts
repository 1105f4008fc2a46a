import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { municipalityLogo, municipalityProfile, municipalityTheme } from '../services/municipality-profile-service'
import { municipalityProfileRoutes as routes } from '../../shared/routes/municipality-profile-routes'
import { API_PREFIX, registerRoute } from './register-route'

/** A versioned URL never changes what it answers: cache it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Without the current version the answer may change any time: check on every use. */
const REVALIDATE = 'no-cache'

/**
 * An SVG opened on its own is a document: it may not run script, load anything or frame anything.
 * Its own inline styles are all it may use.
 */
export const LOGO_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

/** The public profile, theme stylesheet and logo residents' phones read and keep for offline use. */
export const municipalityProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const logoUrl = `${API_PREFIX}${routes.logo.path}`

  // Runs after the app-wide security headers (hooks of a child plugin run after its parent's).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === logoUrl) reply.header('content-security-policy', LOGO_CONTENT_SECURITY_POLICY)
    return payload
  })

  registerRoute(app, routes.profile, async (request, reply) => {
    reply.header('cache-control', REVALIDATE)
    return municipalityProfile(db(), request.params.slug)
  })

  registerRoute(app, routes.themeCss, async (request, reply) => {
    const theme = await municipalityTheme(db(), request.params.slug)
    return reply
      .header('cache-control', request.query.v === theme.hash ? IMMUTABLE : REVALIDATE)
      .header('etag', `"${theme.hash}"`)
      .type('text/css; charset=utf-8')
      .serializer((css: unknown) => css as string)
      .send(theme.css)
  })

  registerRoute(app, routes.logo, async (request, reply) => {
    const logo = await municipalityLogo(db(), request.params.slug)
    return reply
      .header('cache-control', request.query.v === logo.sha256 ? IMMUTABLE : REVALIDATE)
      .header('etag', `"${logo.sha256}"`)
      .header('cross-origin-resource-policy', 'same-origin')
      .type(logo.contentType)
      // A Buffer is sent as it is: no serializer touches it.
      .send(logo.bytes)
  })
}
