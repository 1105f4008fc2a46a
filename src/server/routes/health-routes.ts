import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { type ReadinessChecks } from '../../shared/schemas/health'
import { PROBLEM_CONTENT_TYPE, problemBody } from '../problem'
import { appliedMigrationCount, committedMigrationCount } from '../db/migration-status'
import { healthRoutes as routes } from '../../shared/routes/health-routes'
import { registerRoute } from './register-route'

/** A readiness check never hangs a probe: a database slower than this counts as down. */
const READY_CHECK_TIMEOUT_MS = 2_000

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

export const healthRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, options) => {
  const expectedMigrations = committedMigrationCount()

  registerRoute(app, routes.health,
    async () => ({ status: 'ok' as const, database: app.database.kind, version: options.version }),
  )

  registerRoute(app, routes.live,
    async () => ({ status: 'live' as const }),
  )

  registerRoute(app, routes.ready,
    async (request, reply) => {
      const checks: ReadinessChecks = { database: 'down', migrations: 'unknown' }
      try {
        const applied = await withTimeout(appliedMigrationCount(app.database.db), READY_CHECK_TIMEOUT_MS)
        checks.database = 'up'
        checks.migrations = applied >= expectedMigrations ? 'applied' : 'pending'
      } catch (error) {
        request.log.warn({ reason: error instanceof Error ? error.message.split('\n')[0] : 'unknown' }, 'readiness check failed')
      }
      if (checks.database === 'up' && checks.migrations === 'applied') {
        return { status: 'ready' as const, checks }
      }
      reply.header('retry-after', '5').header('content-type', PROBLEM_CONTENT_TYPE)
      const problem = problemBody(503, 'unavailable', 'This server cannot take requests right now. Please try again shortly.')
      return reply.status(503).send({ ...problem, checks })
    },
  )
}
