import type { FastifyInstance } from 'fastify'
import { deleteExpiredRateLimitHits } from '../repos/rate-limit-repo'
import { runRetentionJob, zeroRetentionCounts } from './retention'
import type { JobContext, ScheduledJob } from './scheduler'

const MINUTE_MS = 60 * 1000

/** The hourly retention job; its audit entry holds the totals over all municipalities. */
export function retentionJob(app: FastifyInstance): ScheduledJob {
  return {
    name: 'retention',
    intervalMs: 60 * MINUTE_MS,
    audited: true,
    async run(now) {
      const perMunicipality = await runRetentionJob({ database: app.database, notifier: app.notifier, log: app.log, publicUrl: app.publicUrl }, now)
      const totals: Record<string, number> = { municipalities: 0, ...zeroRetentionCounts() }
      for (const counts of Object.values(perMunicipality)) {
        totals.municipalities = (totals.municipalities ?? 0) + 1
        for (const [name, n] of Object.entries(counts)) totals[name] = (totals[name] ?? 0) + n
      }
      return totals
    },
  }
}

/** Drops expired rate-limit windows of the shared store (PostgreSQL only; housekeeping, not audited). */
export function rateLimitCleanupJob(app: FastifyInstance): ScheduledJob {
  return {
    name: 'rate-limit-cleanup',
    intervalMs: 10 * MINUTE_MS,
    audited: false,
    run: async () => ({ deleted: await deleteExpiredRateLimitHits(app.database.db) }),
  }
}

/** Every scheduled job of the server and what they need; main.ts hands them to the scheduler. */
export function appJobs(app: FastifyInstance): { context: JobContext; jobs: ScheduledJob[] } {
  const jobs = [retentionJob(app)]
  if (app.database.kind === 'postgres') jobs.push(rateLimitCleanupJob(app))
  return { context: { database: app.database, clock: app.clock, log: app.log, metrics: app.metrics }, jobs }
}
