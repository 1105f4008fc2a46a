import type { FastifyInstance } from 'fastify'
import { deleteStaleAccountTokens } from '../repos/account-token-repo'
import { purgeSentMail } from '../repos/mail-outbox-repo'
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
      // Invitation and reset links hold an e-mail address: gone a week after use or expiry.
      await deleteStaleAccountTokens(app.database.db, now)
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

/** Sent messages are kept long enough that a retry never repeats them, then go with their address. */
export const SENT_MAIL_KEPT_DAYS = 30

/** Removes sent messages (address and subject) from the mail queue after {@link SENT_MAIL_KEPT_DAYS}. */
export function mailPurgeJob(app: FastifyInstance): ScheduledJob {
  return {
    name: 'mail-purge',
    intervalMs: 60 * MINUTE_MS,
    audited: true,
    run: async (now) => ({ deleted: await purgeSentMail(app.database.db, new Date(now.getTime() - SENT_MAIL_KEPT_DAYS * 24 * 60 * MINUTE_MS)) }),
  }
}

/** Every scheduled job of the server and what they need; main.ts hands them to the scheduler. */
export function appJobs(app: FastifyInstance): { context: JobContext; jobs: ScheduledJob[] } {
  const jobs = [retentionJob(app), mailPurgeJob(app)]
  if (app.database.kind === 'postgres') jobs.push(rateLimitCleanupJob(app))
  return { context: { database: app.database, clock: app.clock, log: app.log, metrics: app.metrics }, jobs }
}
