import fastifyRateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { HttpError } from '../errors'

/** Rate limits per route (`config.rateLimit`), off unless a route asks; answers 429 in the contract's shape. */
export const rateLimitPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new HttpError(429, 'rate_limited', `Too many requests; try again in ${context.after}`),
  })
})
