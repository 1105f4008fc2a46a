import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { createAppMetrics, type AppMetrics } from '../metrics/app-metrics'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus metrics and their registry (served on METRICS_PORT by main.ts). */
    metrics: AppMetrics
  }
}

/** Requests no route matched (unknown paths, and app pages served by the not-found handler). */
export const UNMATCHED_ROUTE = 'unmatched'

/**
 * Counts and times every answered request per route pattern (`/api/items/:id`, never the URL
 * with its ids), method and status class. Register after the database plugin: the pool gauges
 * read it.
 */
export const metricsPlugin = fp(async (app: FastifyInstance, options: { processMetrics?: boolean }) => {
  const metrics = createAppMetrics(app.database, options)
  app.decorate('metrics', metrics)
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      method: request.method,
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    }
    metrics.httpRequests.inc(labels)
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000)
  })
})
