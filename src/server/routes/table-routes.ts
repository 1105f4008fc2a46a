import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError, notFound } from '../errors'
import { ingestInterests, withdrawInterest } from '../repos/interest-repo'
import { findManagedItemById } from '../repos/managed-item-repo'
import { findSignupOfDevice, ingestSignups, signupsOfDevice } from '../repos/signup-repo'
import { deviceKeyOf } from '../repos/submission-repo'
import { findTable } from '../repos/table-repo'
import { eraseTraces } from '../tables/erase-traces'
import { askGuardians, confirmGuardian, withdrawAndReplace } from '../tables/table-service'
import { tableRoutes as routes } from '../../shared/routes/table-routes'
import { registerRoute } from './register-route'

const deviceLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } }

/** Residents sign up for tables and the interest network; their device is their key. */
export const tableRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db
  const messenger = () => ({ notifier: app.notifier, log: app.log, publicUrl: app.publicUrl })
  const eraser = () => ({ database: app.database, notifier: app.notifier, log: app.log })

  registerRoute(app, routes.signup, { config: deviceLimit },
    async (request) => {
      const { results, guardianRequests } = await ingestSignups(db(), request.body.signups, app.clock())
      await askGuardians(messenger(), guardianRequests)
      return { results }
    },
  )

  registerRoute(app, routes.interest, { config: deviceLimit },
    async (request) => {
      const { results, guardianRequests } = await ingestInterests(db(), request.body.interests, app.clock())
      await askGuardians(messenger(), guardianRequests)
      return { results }
    },
  )

  registerRoute(app, routes.mySignups, { config: deviceLimit },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return signupsOfDevice(db(), deviceKeyOf(request.params.deviceId))
    },
  )

  registerRoute(app, routes.withdrawSignup, { config: deviceLimit },
    async (request) => {
      const signup = await findSignupOfDevice(db(), request.params.id, deviceKeyOf(request.params.deviceId))
      if (!signup) throw notFound('sign-up')
      if (signup.status === 'withdrawn') return { ok: true as const }
      const [item, table] = await Promise.all([findManagedItemById(db(), signup.itemId, app.clock()), findTable(db(), signup.itemId)])
      if (!item || !table) throw notFound('table')
      await withdrawAndReplace(db(), messenger(), signup.id, item.title, table.assignment, app.clock())
      await eraseTraces(eraser(), [signup.id])
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.withdrawInterest, { config: deviceLimit },
    async (request) => {
      if (!(await withdrawInterest(db(), request.params.id, deviceKeyOf(request.params.deviceId), app.clock()))) throw notFound('registration')
      await eraseTraces(eraser(), [request.params.id])
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.confirmGuardian, { config: deviceLimit },
    async (request) => {
      if (!(await confirmGuardian(db(), request.body.token, app.clock()))) throw new HttpError(404, 'not_found', 'This link is unknown, used already, or expired')
      return { ok: true as const }
    },
  )

  registerRoute(app, routes.drawRecord,
    async (request) => {
      const table = await findTable(db(), request.params.id)
      if (!table?.drawRecord) throw notFound('draw')
      return table.drawRecord
    },
  )
}
