import type { FastifyInstance } from 'fastify'
import type { RouteDefinition } from '../../shared/routes/route'
import type { AccessNeed } from '../plugins/auth'
import type { RouteExtras } from './register-route'

/**
 * The preHandler for one back-office route, taken from its declared access. For plugins whose
 * routes do not all share one access level (officials change, council members only read), so
 * the guard sits on each route instead of on the whole plugin.
 */
export function guardOf(app: FastifyInstance, route: RouteDefinition): RouteExtras {
  return { preHandler: app.requireOfficial(needOf(route)) }
}

function needOf(route: RouteDefinition): AccessNeed | undefined {
  switch (route.access) {
    case 'official':
      return undefined
    case 'admin':
    case 'member':
    case 'council':
      return route.access
    default:
      throw new Error(`${route.method} ${route.path} is ${route.access}: it needs no back-office guard`)
  }
}
