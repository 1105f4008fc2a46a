import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError } from '../errors'
import { isCrossOrigin } from '../plugins/auth'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialById } from '../repos/official-repo'
import { acceptInvitation, changePassword, inviteOfficial, lookUpInvitation, requestPasswordReset, resetPassword, type AccountMail } from '../services/account-service'
import { accountRoutes as routes } from '../../shared/routes/account-routes'
import { registerRoute } from './register-route'

/** Per address: enough for a person who mistypes, far too few to try links or addresses in bulk. */
const linkLimit = { rateLimit: { max: 20, timeWindow: '15 minutes' } }
const resetRequestLimit = { rateLimit: { max: 5, timeWindow: '15 minutes' } }

/** Invitations, password resets and changing one's own password. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })
  const mail = (): AccountMail => ({ publicUrl: app.publicUrl, send: (message) => app.notifier.send(message) })
  // The public forms post from our own pages only, as the sign-in does.
  const sameSite = async (request: Parameters<typeof isCrossOrigin>[0]) => {
    if (isCrossOrigin(request)) throw new HttpError(403, 'forbidden', 'Use the Meepraat site itself')
  }

  registerRoute(app, routes.invite, { preHandler: app.requireOfficial('admin') }, async (request, reply) => {
    await inviteOfficial(context(), request.official!, request.body, mail())
    return reply.status(201).send({ ok: true as const })
  })

  registerRoute(app, routes.lookUpInvitation, { config: linkLimit, preHandler: sameSite }, async (request) => lookUpInvitation(context(), request.body.token))

  registerRoute(app, routes.acceptInvitation, { config: linkLimit, preHandler: sameSite }, async (request, reply) => {
    await acceptInvitation(context(), request.body.token, request.body.password)
    return reply.status(201).send({ ok: true as const })
  })

  registerRoute(app, routes.requestReset, { config: resetRequestLimit, preHandler: sameSite }, async (request) => {
    // Answered before the work is done, so the timing of the answer cannot tell whether the
    // address has an account; the work itself runs on.
    void requestPasswordReset(context(), request.body.email, mail(), (error) => request.log.warn({ err: error }, 'reset e-mail not sent')).catch((error: unknown) =>
      request.log.error({ err: error }, 'reset request failed'),
    )
    return { ok: true as const }
  })

  registerRoute(app, routes.resetPassword, { config: linkLimit, preHandler: sameSite }, async (request) => {
    await resetPassword(context(), request.body.token, request.body.password)
    return { ok: true as const }
  })

  registerRoute(app, routes.changePassword, { config: linkLimit, preHandler: app.requireOfficial('member') }, async (request, reply) => {
    const official = request.official!
    await changePassword(context(), official, request.body.currentPassword, request.body.newPassword)
    // Every session ended with the change, this one too; this browser continues in a fresh one.
    const csrfToken = await app.signIn(request, reply, official.id)
    const account = await findOfficialById(db(), official.id)
    if (!account) throw new HttpError(401, 'unauthorized', 'Sign in first')
    const municipality = await findMunicipality(db(), account.municipality)
    return { id: account.id, email: account.email, municipality: account.municipality, municipalityName: municipality?.name ?? account.municipality, role: account.role, csrfToken, sessionIdleSeconds: Math.round(app.sessionIdleMs / 1000) }
  })
}
