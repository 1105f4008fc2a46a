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
import { guardOf } from './route-guard'

/**
 * Triage of residents' signals. Reading, commenting and deciding on meeting requests is open to
 * every back-office member of the municipality, council included; moderating, redacting and
 * moving signals is for officials (the council reads, it does not moderate).
 */
export const signalTriageRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = () => ({ db: app.database.db, now: app.clock() })

  registerRoute(app, routes.list, guardOf(app, routes.list), async (request) => signalList(app.database.db, request.official!, request.query, app.clock()))
  registerRoute(app, routes.get, guardOf(app, routes.get), async (request) => signalDetail(app.database.db, request.official!, request.params.id, app.clock()))
  registerRoute(app, routes.moderate, guardOf(app, routes.moderate), async (request) => moderateSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.redact, guardOf(app, routes.redact), async (request) => redactSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.status, guardOf(app, routes.status), async (request) => changeSignalStatus(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.respond, guardOf(app, routes.respond), async (request) => respondToSignal(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.councilDecision, guardOf(app, routes.councilDecision), async (request) => decideMeetingRequest(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.comment, guardOf(app, routes.comment), async (request, reply) => reply.status(201).send(await commentOnSignal(context(), request.official!, request.params.id, request.body)))
}
