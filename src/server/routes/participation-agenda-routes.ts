import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { participationAgendaRoutes as routes } from '../../shared/routes/participation-agenda-routes'
import { entryChoices } from '../repos/participation-agenda-repo'
import {
  addAgendaEntry,
  agendaOfYear,
  changeAgendaEntry,
  publicAgenda,
  publishAgenda,
  removeAgendaEntry,
  writeAgendaIntro,
} from '../services/participation-agenda-service'
import { registerRoute } from './register-route'

/** The yearly participation agenda: public reading, drafting by officials and council, publishing by officials. */
export const participationAgendaRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })
  const member = { preHandler: app.requireOfficial('member') }
  const official = { preHandler: app.requireOfficial() }

  registerRoute(app, routes.publicAgenda, async (request) => ({ agenda: await publicAgenda(db(), request.params.slug, request.query.year, app.clock()) }))

  registerRoute(app, routes.get, member, async (request) => agendaOfYear(db(), request.official!, request.params.year))
  registerRoute(app, routes.choices, member, async (request) => ({ entries: await entryChoices(db(), request.official!.municipality) }))
  registerRoute(app, routes.putIntro, member, async (request) => writeAgendaIntro(context(), request.official!, request.params.year, request.body.intro))
  registerRoute(app, routes.addEntry, member, async (request, reply) => reply.code(201).send(await addAgendaEntry(context(), request.official!, request.params.year, request.body)))
  registerRoute(app, routes.updateEntry, member, async (request) => changeAgendaEntry(context(), request.official!, request.params.id, request.body))
  registerRoute(app, routes.deleteEntry, member, async (request) => {
    await removeAgendaEntry(context(), request.official!, request.params.id)
    return { ok: true as const }
  })
  registerRoute(app, routes.publish, official, async (request) => publishAgenda(context(), request.official!, request.params.year))
}
