import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Db } from '../db/client'
import { hitRateLimit } from '../repos/rate-limit-repo'

const DEFAULT_WINDOW_MS = 60_000

/**
 * A @fastify/rate-limit store in PostgreSQL (`rate_limit_hits`), so every process on one
 * database counts against the same limit: with N replicas behind a balancer a client gets the
 * route's limit, not N times it. Fixed windows per route and client key; the plugin's
 * `continueExceeding` and `exponentialBackoff` options are not supported (no route uses them).
 * The scheduler's `rate-limit-cleanup` job deletes ended windows.
 */
export function postgresRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    readonly prefix: string

    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      hitRateLimit(db, this.prefix + key, timeWindow ?? DEFAULT_WINDOW_MS).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    /** One counter space per route, as the plugin's own stores keep. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
      return new PostgresRateLimitStore(undefined, `${String(route?.method ?? '')} ${String(route?.url ?? '')}|`)
    }
  }
}
