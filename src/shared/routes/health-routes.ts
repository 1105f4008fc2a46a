import { HealthSchema, LiveSchema, NotReadySchema, ReadySchema } from '../schemas/health'
import { defineRoute } from './route'

/** Probes for people and for the orchestrator. */
export const healthRoutes = {
  health: defineRoute({
    method: 'GET', path: '/health', summary: 'Is the service up', tag: 'public', access: 'public',
    responses: { 200: HealthSchema }, errors: {},
  }),
  live: defineRoute({
    method: 'GET', path: '/health/live', summary: 'Does the process run (liveness probe)', tag: 'operations', access: 'public',
    responses: { 200: LiveSchema }, errors: {},
  }),
  ready: defineRoute({
    method: 'GET', path: '/health/ready', summary: 'Can the process take traffic (readiness probe): database answers, migrations applied', tag: 'operations', access: 'public',
    responses: { 200: ReadySchema },
    errors: { 503: ['unavailable'] },
    // The 503 is a problem body that also lists the checks.
    errorSchemas: { 503: NotReadySchema },
  }),
} as const
