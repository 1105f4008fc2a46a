import { accountabilityRoutes } from './accountability-routes'
import { adminRoutes } from './admin-routes'
import { authRoutes } from './auth-routes'
import { feedbackRoutes } from './feedback-routes'
import { healthRoutes } from './health-routes'
import { inboxRoutes } from './inbox-routes'
import { itemRoutes } from './item-routes'
import { municipalityRoutes } from './municipality-routes'
import { officialInputRoutes } from './official-input-routes'
import { officialItemRoutes } from './official-item-routes'
import { officialTableRoutes } from './official-table-routes'
import { openapiRoutes } from './openapi-routes'
import type { RouteDefinition } from './route'
import { secondFactorRoutes } from './second-factor-routes'
import { signInRoutes } from './sign-in-routes'
import { submissionRoutes } from './submission-routes'
import { tableRoutes } from './table-routes'

export * from './route'

/** Every route of the API, by resource: the single list the server, OpenAPI and tests walk. */
export const routeTable = {
  health: healthRoutes,
  openapi: openapiRoutes,
  municipalities: municipalityRoutes,
  items: itemRoutes,
  submissions: submissionRoutes,
  inbox: inboxRoutes,
  accountability: accountabilityRoutes,
  auth: authRoutes,
  officialItems: officialItemRoutes,
  officialInput: officialInputRoutes,
  feedback: feedbackRoutes,
  officialTables: officialTableRoutes,
  tables: tableRoutes,
  admin: adminRoutes,
  signIn: signInRoutes,
  secondFactor: secondFactorRoutes,
} as const

/** All routes as a flat list, in declaration order. */
export function allRoutes(): RouteDefinition[] {
  return Object.values(routeTable).flatMap((resource) => Object.values(resource) as RouteDefinition[])
}
