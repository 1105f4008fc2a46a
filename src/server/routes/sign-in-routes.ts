import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createOidcClients } from '../auth/oidc-client'
import { createSecretBox } from '../auth/secret-box'
import { HttpError } from '../errors'
import { isCrossOrigin } from '../plugins/auth'
import { recordAudit } from '../repos/audit-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialById } from '../repos/official-repo'
import { listSsoMunicipalities } from '../repos/sign-in-settings-repo'
import { getSignInSettings, updateSignInSettings } from '../services/sign-in-settings-service'
import { finishSsoSignIn, SSO_FLOW_MS, startSsoSignIn, type SsoDependencies } from '../services/sso-service'
import { signInRoutes as routes } from '../../shared/routes/sign-in-routes'
import { registerRoute } from './register-route'

/** The short-lived cookie that binds a started sign-in to the browser that started it. */
export const SSO_BROWSER_COOKIE = 'meepraat_sso'
/** The back-office page the identity provider sends the browser back to; register it at the provider. */
export const SSO_CALLBACK_PATH = '/beheer/inloggen/terug'

export interface SignInRoutesOptions {
  /** SESSION_SECRET (or the process's random one): the client secrets are sealed under a key derived from it. */
  serverSecret: string
}

export const signInRoutesPlugin: FastifyPluginAsyncZod<SignInRoutesOptions> = async (app, options) => {
  const deps: SsoDependencies = {
    clients: createOidcClients(),
    box: createSecretBox(options.serverSecret),
    redirectUri: `${app.publicUrl.replace(/\/$/, '')}${SSO_CALLBACK_PATH}`,
  }
  const context = () => ({ db: app.database.db, now: app.clock() })
  const flowLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } }

  const browserToken = (request: FastifyRequest): string | null => {
    const raw = request.cookies[SSO_BROWSER_COOKIE]
    if (!raw) return null
    const unsigned = request.unsignCookie(raw)
    return unsigned.valid ? unsigned.value : null
  }
  const cookieOptions = { path: '/api', httpOnly: true, sameSite: 'lax' as const, secure: app.secureCookies, signed: true }
  const refuseCrossSite = (request: FastifyRequest) => {
    if (isCrossOrigin(request)) throw new HttpError(403, 'forbidden', 'Sign in from the Meepraat site itself')
  }

  registerRoute(app, routes.ssoProviders, async () =>
    (await listSsoMunicipalities(app.database.db)).map((m) => ({ municipality: m.municipality, municipalityName: m.municipalityName, displayName: m.sso.displayName })),
  )

  registerRoute(app, routes.ssoStart, { config: flowLimit }, async (request, reply: FastifyReply) => {
    refuseCrossSite(request)
    // One cookie per browser, kept across tries (two tabs may both be on their way).
    const token = browserToken(request) ?? randomBytes(32).toString('base64url')
    const authorizationUrl = await startSsoSignIn(context(), deps, request.params.municipality, token)
    reply.setCookie(SSO_BROWSER_COOKIE, token, { ...cookieOptions, maxAge: SSO_FLOW_MS / 1000 })
    return { authorizationUrl }
  })

  registerRoute(app, routes.ssoCallback, { config: flowLimit }, async (request, reply) => {
    refuseCrossSite(request)
    const ctx = context()
    const result = await finishSsoSignIn(ctx, deps, request.body, browserToken(request))
    // The session and its audit entry commit together, as with a password sign-in.
    const csrfToken = await ctx.db.transaction(async (tx) => {
      const token = await app.signIn(request, reply, result.officialId, tx)
      await recordAudit(tx, { officialId: result.officialId, municipality: result.municipality, action: 'auth.login', details: { via: 'sso', role: result.role, ...(result.created ? { created: true } : {}) } }, ctx.now)
      return token
    })
    reply.clearCookie(SSO_BROWSER_COOKIE, cookieOptions)
    const account = await findOfficialById(ctx.db, result.officialId)
    if (!account) throw new HttpError(401, 'unauthorized', 'Sign in first')
    const municipality = await findMunicipality(ctx.db, account.municipality)
    return { id: account.id, email: account.email, municipality: account.municipality, municipalityName: municipality?.name ?? account.municipality, role: account.role, csrfToken }
  })

  registerRoute(app, routes.settings, { preHandler: app.requireOfficial('admin') }, async (request) => getSignInSettings(context(), deps, request.official!))

  registerRoute(app, routes.updateSettings, { preHandler: app.requireOfficial('admin') }, async (request) => updateSignInSettings(context(), deps, request.official!, request.body))
}
