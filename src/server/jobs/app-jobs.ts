import type { FastifyInstance } from 'fastify'
import { deleteStaleAccountTokens } from '../repos/account-token-repo'
import { deleteExpiredRateLimitHits } from '../repos/rate-limit-repo'
import { runRetentionJob } from './retention'
import type { JobContext, ScheduledJob } from './scheduler'

const MINUTE_MS = 60 * 1000

/** The hourly retention job; its audit entry holds the totals over all municipalities. */
export function retentionJob(app: FastifyInstance): ScheduledJob {
  return {
    name: 'retention',
    intervalMs: 60 * MINUTE_MS,
    audited: true,
    async run(now) {
      const perMunicipality = await runRetentionJob({ database: app.database, notifier: app.notifier, log: app.log }, now)
      // Invitation and reset links hold an e-mail address: gone a week after use or expiry.
      await deleteStaleAccountTokens(app.database.db, now)
      const totals = { municipalities: 0, pendingDeleted: 0, nonSelectedContactsDeleted: 0, memberContactsDeleted: 0 }
      for (const counts of Object.values(perMunicipality)) {
        totals.municipalities++
        totals.pendingDeleted += counts.pendingDeleted
        totals.nonSelectedContactsDeleted += counts.nonSelectedContactsDeleted
        totals.memberContactsDeleted += counts.memberContactsDeleted
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
