import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { signalTriageRoutes as routes } from '../../shared/routes/signal-triage-routes'
import {
  changeSignalStatus,
  commentOnSignal,
  decideMeetingRequest,
  moderateSignal,
  redactSignal,
  respondToSignal,
  signalDetail,
  signalList,
} from '../services/signal-triage-service'
import { registerRoute } from './register-route'

/**
 * Triage of residents' signals. Reading, commenting and deciding on meeting requests is open to
 * every back-office member of the municipality, council included; moderating, redacting and
 * moving signals is for officials (the council reads, it does not moderate).
 */
export const signalTriageRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = () => ({ db: app.database.db, now: app.clock() })
  const member = { preHandler: app.requireOfficial('member') }
  const official = { preHandler: app.requireOfficial() }

  registerRoute(app, routes.list, member, async (request) => signalList(app.database.db, request.official!, request.query, app.clock()))
  registerRoute(app, routes.get, member, async (request) => signalDetail(app.database.db, request.official!, request.params.id, app.clock()))
  registerRoute(app, routes.moderate, official, async (request) => moderateSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.redact, official, async (request) => redactSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.status, official, async (request) => changeSignalStatus(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.respond, official, async (request) => respondToSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.councilDecision, member, async (request) => decideMeetingRequest(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.comment, member, async (request, reply) => reply.status(201).send(await commentOnSignal(context(), request.official!, request.params.id, request.body)))
}
