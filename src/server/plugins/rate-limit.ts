import fastifyRateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { HttpError } from '../errors'
import { postgresRateLimitStore } from './postgres-rate-limit-store'

/**
 * Rate limits per route (`config.rateLimit`), off unless a route asks; answers 429 in the
 * contract's shape. On a PostgreSQL server the counts live in the database, shared by every
 * process; the embedded database has one process, which counts in memory. Register after the
 * database plugin.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifyRateLimit, {
    global: false,
    ...(app.database.kind === 'postgres' ? { store: postgresRateLimitStore(app.database.db) } : {}),
    errorResponseBuilder: (_request, context) => new HttpError(429, 'rate_limited', `Too many requests; try again in ${context.after}`),
  })
})
