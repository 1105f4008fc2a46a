import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { describeOfficial } from '../auth/me'
import { HttpError } from '../errors'
import type { OfficialContext, PendingSignIn } from '../plugins/auth'
import { forgetLoginAttempt, loginFailureStats, recordLoginFailure } from '../repos/login-failure-repo'
import { recordAudit } from '../repos/audit-repo'
import { confirmEnrolment, secondFactorStatus, startEnrolment, verifySecondFactor, type SecondFactorPolicy } from '../services/second-factor-service'
import { secondFactorRoutes as routes } from '../../shared/routes/second-factor-routes'
import { registerRoute } from './register-route'

/** Wrong codes per account in the sign-in window before it waits: six digits must not be guessable. */
export const MAX_SECOND_FACTOR_FAILURES = 5
const WINDOW_MS = 15 * 60 * 1000

export const secondFactorRoutes: FastifyPluginAsyncZod<{ secondFactor: SecondFactorPolicy }> = async (app, options) => {
  const policy = options.secondFactor
  const context = () => ({ db: app.database.db, now: app.clock() })
  const pendingOk = app.requireOfficial('member', { pending: true })
  const who = (request: { official: OfficialContext | null; signInPending: PendingSignIn | null }) => (request.official ?? request.signInPending)!

  /**
   * Counts the attempt as failed first (as the password sign-in does), so parallel guesses
   * count against each other; a right code takes it back.
   */
  async function throttled<T>(officialId: string, work: () => Promise<T>): Promise<T> {
    const ctx = context()
    const key = `second-factor:${officialId}`
    const attempt = await recordLoginFailure(ctx.db, [key], ctx.now)
    const { count } = await loginFailureStats(ctx.db, key, new Date(ctx.now.getTime() - WINDOW_MS))
    if (count > MAX_SECOND_FACTOR_FAILURES) {
      await forgetLoginAttempt(ctx.db, attempt)
      throw new HttpError(429, 'rate_limited', 'Too many wrong codes. Wait 15 minutes and try again.')
    }
    const result = await work()
    await forgetLoginAttempt(ctx.db, attempt)
    return result
  }

  registerRoute(app, routes.status, { preHandler: pendingOk }, async (request) => secondFactorStatus(context(), policy, who(request)))

  registerRoute(app, routes.startEnrolment, { preHandler: pendingOk }, async (request) => {
    // A sign-in waiting for its code has a factor already; setting up another is no way around it.
    if (request.signInPending?.stage === 'code') throw new HttpError(403, 'forbidden', 'Enter the code from your app first')
    return startEnrolment(context(), policy, who(request))
  })

  registerRoute(app, routes.confirmEnrolment, { preHandler: pendingOk }, async (request, reply) => {
    if (request.signInPending?.stage === 'code') throw new HttpError(403, 'forbidden', 'Enter the code from your app first')
    const person = who(request)
    const recoveryCodes = await throttled(person.id, () => confirmEnrolment(context(), policy, person, request.body.code))
    // A sign-in that waited for enrolment is complete now, in a fresh session.
    const csrfToken = request.signInPending ? await finish(request, reply, person, 'enrolment') : person.csrfToken
    return { recoveryCodes, me: await describeOfficial(app.database.db, person.id, csrfToken) }
  })

  registerRoute(app, routes.verify, { preHandler: pendingOk }, async (request, reply) => {
    const pending = request.signInPending
    if (!pending || pending.stage !== 'code') throw new HttpError(403, 'forbidden', 'This sign-in is not waiting for a code')
    await throttled(pending.id, () => verifySecondFactor(context(), policy, pending, request.body))
    const csrfToken = await finish(request, reply, pending, request.body.recoveryCode ? 'recovery_code' : 'totp')
    return describeOfficial(app.database.db, pending.id, csrfToken)
  })

  /** Replaces the pending session by a ready one, with the sign-in's audit entry in the same transaction. */
  async function finish(request: Parameters<typeof app.signIn>[0], reply: Parameters<typeof app.signIn>[1], person: OfficialContext, via: string): Promise<string> {
    const ctx = context()
    return ctx.db.transaction(async (tx) => {
      const token = await app.signIn(request, reply, person.id, tx)
      await recordAudit(tx, { officialId: person.id, municipality: person.municipality, action: 'auth.login', details: { via: 'password', secondFactor: via } }, ctx.now)
      return token
    })
  }
}
