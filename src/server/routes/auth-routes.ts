import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { attemptKeys, judgeLoginAttempt, loginKeys } from '../auth/login-throttle'
import { TRUSTED_BROWSER_COOKIE, TRUSTED_BROWSER_DAYS, trustedBrowserId, trustedBrowserValue } from '../auth/trusted-browser'
import { verifyAgainstNothing, verifyPassword } from '../auth/passwords'
import { DomainError, HttpError } from '../errors'
import { isCrossOrigin } from '../plugins/auth'
import { clearLoginFailures, forgetLoginAttempt, recordLoginFailure } from '../repos/login-failure-repo'
import { recordAudit } from '../repos/audit-repo'
import { findSignInSettings } from '../repos/sign-in-settings-repo'
import { findOfficialByEmail } from '../repos/official-repo'
import type { SessionStage } from '../repos/session-repo'
import { stageAfterPassword, type SecondFactorPolicy } from '../services/second-factor-service'
import { describeOfficial } from '../auth/me'
import { audited } from '../services/context'
import { authRoutes as routes } from '../../shared/routes/auth-routes'
import { registerRoute } from './register-route'

export const authRoutes: FastifyPluginAsyncZod<{ secondFactor: SecondFactorPolicy }> = async (app, options) => {
  const db = () => app.database.db

  const trustedCookie = (request: FastifyRequest): string | null => {
    const raw = request.cookies[TRUSTED_BROWSER_COOKIE]
    if (!raw) return null
    const unsigned = request.unsignCookie(raw)
    return unsigned.valid ? unsigned.value : null
  }

  const me = (officialId: string, csrfToken: string, stage?: SessionStage, expiresAt?: Date) => describeOfficial(db(), officialId, csrfToken, stage, { idleMs: app.sessionIdleMs, expiresAt })

  registerRoute(app, routes.login, async (request, reply) => {
      if (isCrossOrigin(request)) throw new HttpError(403, 'forbidden', 'Sign in from the Meepraat site itself')
      const now = app.clock()
      const trusted = trustedCookie(request)
      const keys = loginKeys(request.body.email, request.ip, trustedBrowserId(trusted, request.body.email))
      // The attempt counts as failed before the password is checked, so parallel guesses cannot
      // all slip in under the limit; a correct password takes it back, and so does a refusal:
      // attempts the throttle turns away never make a lock last longer.
      const attempt = await recordLoginFailure(db(), attemptKeys(keys), now)
      const verdict = await judgeLoginAttempt(db(), keys, attempt, now)
      if (!verdict.allowed) {
        await forgetLoginAttempt(db(), attempt)
        const seconds = Math.ceil(verdict.retryAfterMs / 1000)
        reply.header('retry-after', String(seconds))
        throw new HttpError(429, 'rate_limited', verdict.reason === 'address'
          ? 'Too many failed sign-ins from this address. Wait 15 minutes and try again.'
          : `Too many failed sign-ins on this account. Wait ${seconds} seconds and try again.`)
      }
      const account = await findOfficialByEmail(db(), request.body.email)
      const valid = account && !account.disabled ? await verifyPassword(request.body.password, account.passwordHash) : await verifyAgainstNothing(request.body.password)
      if (!account || !valid) {
        // Traced for the account's admins; an unknown address has no municipality to trace it in.
        if (account) await recordAudit(db(), { officialId: account.id, municipality: account.municipality, action: 'auth.login.failed', details: { reason: account.disabled ? 'account_disabled' : 'wrong_password' } }, now)
        throw new HttpError(401, 'unauthorized', 'E-mail address or password is not correct')
      }
      await forgetLoginAttempt(db(), attempt)
      // Only after the password proved right, so the answer tells a guesser nothing about the account.
      if (!(await findSignInSettings(db(), account.municipality)).passwordSignIn) {
        await recordAudit(db(), { officialId: account.id, municipality: account.municipality, action: 'auth.login.failed', details: { reason: 'password_sign_in_off' } }, now)
        throw new DomainError('password_sign_in_off', 'This municipality signs in through its identity provider')
      }
      // Only this address's record on this account is wiped: the account-wide count measures
      // guessing from elsewhere, which a sign-in by the real official does not undo.
      await clearLoginFailures(db(), [keys.pair, ...(keys.browser ? [keys.browser] : [])], new Date(now.getTime() + 1))
      reply.setCookie(TRUSTED_BROWSER_COOKIE, trustedBrowserValue(trusted, request.body.email), {
        path: '/api', httpOnly: true, sameSite: 'strict', secure: app.secureCookies, signed: true, maxAge: TRUSTED_BROWSER_DAYS * 24 * 60 * 60,
      })
      // A password is one factor: the session may still owe the code, or a second factor to set up.
      const stage = await stageAfterPassword({ db: db(), now }, options.secondFactor, account)
      // The session and its audit entry commit together: no sign-in without its trace.
      const csrfToken = await audited({ db: db(), now }, account, stage === 'ready' ? 'auth.login' : 'auth.login.password', async (tx) => ({
        result: await app.signIn(request, reply, account.id, tx, stage),
        ...(stage === 'ready' ? {} : { details: { pending: stage } }),
      }))
      return me(account.id, csrfToken, stage)
    })

  // Both also answer a sign-in that still owes its second factor: it can be abandoned, and the
  // back office learns from `pending` which step to show.
  registerRoute(app, routes.logout, { preHandler: app.requireOfficial('member', { pending: true }) }, async (request, reply) => {
      await audited({ db: db(), now: app.clock() }, (request.official ?? request.signInPending)!, 'auth.logout', async (tx) => ({ result: await app.signOut(request, reply, tx) }))
      return { ok: true as const }
    })

  registerRoute(app, routes.me, { preHandler: app.requireOfficial('member', { pending: true }) }, async (request) => {
    const session = (request.official ?? request.signInPending)!
    return me(session.id, session.csrfToken, request.signInPending?.stage, request.official?.sessionExpiresAt)
  })
}
