import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { councilMeetingRoutes as routes } from '../../shared/routes/council-meeting-routes'
import { createMeeting, meetingsFor, publicMeetings, publishMeeting, updateMeeting } from '../services/council-meeting-service'
import { registerRoute } from './register-route'
import { guardOf } from './route-guard'

/** Public: the council's published meetings. */
export const publicMeetingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.public, async (request) => ({ meetings: await publicMeetings(app.database.db, request.params.slug, app.clock()) }))
}

/** Council members and officials plan meetings, write the agenda and minutes, and publish. */
export const officialMeetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const context = () => ({ db: db(), now: app.clock() })

  registerRoute(app, routes.list, guardOf(app, routes.list), async (request) => ({ meetings: await meetingsFor(db(), request.official!, app.clock()) }))

  registerRoute(app, routes.create, guardOf(app, routes.create), async (request, reply) => reply.status(201).send(await createMeeting(context(), request.official!, request.body)))

  registerRoute(app, routes.update, guardOf(app, routes.update), async (request) => updateMeeting(context(), request.official!, request.params.id, request.body))

  registerRoute(app, routes.publish, guardOf(app, routes.publish), async (request) => publishMeeting(context(), request.official!, request.params.id))
}
