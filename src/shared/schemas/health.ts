import { z } from 'zod'
import { ErrorBodySchema } from './error'

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['embedded', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'Health' })
export type Health = z.infer<typeof HealthSchema>

/**
 * What the readiness probe checked: the database answers, and every committed migration ran.
 * While the server shuts down every request, this one too, gets 503 before any route runs (app.ts).
 */
export const ReadinessChecksSchema = z
  .object({
    database: z.enum(['up', 'down']),
    migrations: z.enum(['applied', 'pending', 'unknown']),
  })
  .meta({ id: 'ReadinessChecks' })
export type ReadinessChecks = z.infer<typeof ReadinessChecksSchema>

/** `GET /api/health/ready` when the process can take traffic. */
export const ReadySchema = z.object({ status: z.literal('ready'), checks: ReadinessChecksSchema }).meta({ id: 'Ready' })

/** `GET /api/health/ready` when it cannot: the contract's error body plus what failed. */
export const NotReadySchema = ErrorBodySchema.extend({
  // Absent while the server shuts down: then the answer comes before the probe runs any check.
  checks: ReadinessChecksSchema.optional(),
}).meta({ id: 'NotReady' })

/** `GET /api/health/live`: the process runs (no database check, so a slow database never restarts it). */
export const LiveSchema = z.object({ status: z.literal('live') }).meta({ id: 'Live' })
