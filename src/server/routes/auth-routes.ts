import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBodySchema } from '../../shared/schemas/error'
import { LoginRequestSchema, MeSchema, OkSchema } from '../../shared/schemas/official'
import { verifyAgainstNothing, verifyPassword } from '../auth/passwords'
import { HttpError } from '../errors'
import { isCrossOrigin } from '../plugins/auth'
import { recordAudit } from '../repos/audit-repo'
import { clearLoginFailures, forgetLoginAttempt, recentLoginFailures, recordLoginFailure } from '../repos/login-failure-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialByEmail, findOfficialById } from '../repos/official-repo'

const WINDOW_MS = 15 * 60 * 1000
/** Failed sign-ins allowed per account and per address within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db

  async function me(officialId: string, csrfToken: string) {
    const account = await findOfficialById(db(), officialId)
    if (!account) throw new HttpError(401, 'unauthorized', 'Sign in first')
    const municipality = await findMunicipality(db(), account.municipality)
    return {
      id: account.id,
      email: account.email,
      municipality: account.municipality,
      municipalityName: municipality?.name ?? account.municipality,
      role: account.role,
      csrfToken,
    }
  }

  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in an official with e-mail and password',
        tags: ['auth'],
        body: LoginRequestSchema,
        response: { 200: MeSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      if (isCrossOrigin(request)) throw new HttpError(403, 'forbidden', 'Sign in from the Meepraat site itself')
      const now = app.clock()
      const since = new Date(now.getTime() - WINDOW_MS)
      const accountKey = `account:${request.body.email}`
      const addressKey = `address:${request.ip}`
      // The attempt counts as failed before the password is checked, so parallel guesses cannot
      // all slip in under the limit; a correct password takes it back.
      const attempt = await recordLoginFailure(db(), [accountKey, addressKey], now)
      const [perAccount, perAddress] = await Promise.all([
        recentLoginFailures(db(), accountKey, since),
        recentLoginFailures(db(), addressKey, since),
      ])
      if (perAccount > MAX_FAILURES_PER_ACCOUNT || perAddress > MAX_FAILURES_PER_ADDRESS) {
        reply.header('retry-after', String(WINDOW_MS / 1000))
        throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.')
      }
      const account = await findOfficialByEmail(db(), request.body.email)
      const valid = account && !account.disabled ? await verifyPassword(request.body.password, account.passwordHash) : await verifyAgainstNothing(request.body.password)
      if (!account || !valid) throw new HttpError(401, 'unauthorized', 'E-mail address or password is not correct')
      await forgetLoginAttempt(db(), attempt)
      await clearLoginFailures(db(), [accountKey], new Date(now.getTime() + 1))
      const csrfToken = await app.signIn(request, reply, account.id)
      await recordAudit(db(), { officialId: account.id, municipality: account.municipality, action: 'auth.login' }, now)
      return me(account.id, csrfToken)
    },
  )

  app.post(
    '/api/auth/logout',
    {
      schema: { summary: 'Sign out', tags: ['auth'], response: { 200: OkSchema, 401: ErrorBodySchema, 403: ErrorBodySchema } },
      preHandler: app.requireOfficial(),
    },
    async (request, reply) => {
      const official = request.official!
      await app.signOut(request, reply)
      await recordAudit(db(), { officialId: official.id, municipality: official.municipality, action: 'auth.logout' }, app.clock())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/auth/me',
    {
      schema: { summary: 'The signed-in official', tags: ['auth'], response: { 200: MeSchema, 401: ErrorBodySchema } },
      preHandler: app.requireOfficial(),
    },
    async (request) => me(request.official!.id, request.official!.csrfToken),
  )
}
