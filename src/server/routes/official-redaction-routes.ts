import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { officialRedactionRoutes as routes } from '../../shared/routes/official-redaction-routes'
import { scrubAnswers } from '../db/scrub'
import { redactAnswer } from '../services/redaction-service'
import { registerRoute } from './register-route'

/** Officials remove the personal part of one text answer; the answers table is rewritten afterwards. */
export const officialRedactionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', app.requireOfficial())

  registerRoute(app, routes.redact, async (request) => {
    const text = await redactAnswer({ db: app.database.db, now: app.clock() }, request.official!, request.params.id, request.params.submissionId, request.body)
    // After the commit (VACUUM cannot run in a transaction); answered once the files no longer hold the old text.
    await scrubAnswers(app.database, request.log)
    return { text }
  })
}
