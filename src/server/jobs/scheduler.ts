import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/client'
import { errorForLog } from '../log-safety'
import type { AppMetrics } from '../metrics/app-metrics'
import { recordAudit } from '../repos/audit-repo'
import { claimJobRun, finishJobRun } from '../repos/job-run-repo'

export interface ScheduledJob {
  /** Also the audit action (`job.NAME`) and the metrics label. */
  name: string
  /** At most one run per interval across every process sharing the database. */
  intervalMs: number
  /** Whether each run's outcome goes to the audit log (housekeeping without personal data need not). */
  audited: boolean
  /** Does the work; returns counts for the audit entry and the log (never names or addresses). */
  run(now: Date): Promise<Record<string, number>>
}

export interface JobContext {
  database: Database
  clock: () => Date
  log: FastifyBaseLogger
  metrics: Pick<AppMetrics, 'jobRuns' | 'jobLastSuccess'>
}

/** What one check of a job came to: it ran (and how it ended), it ran recently, or another process runs it now. */
export type JobCheck = 'succeeded' | 'failed' | 'not_due' | 'busy'

/** Advisory-lock class of scheduled jobs (two-key form: never collides with single-key locks such as the migration's). */
const JOB_LOCK_CLASS = 72_617_002

/**
 * One check of a job. On PostgreSQL the process first takes a session advisory lock for the
 * job on a connection of its own (`pg_try_advisory_lock`, never waiting): while one process
 * runs the job, the others skip it (`busy`). If that process is killed, its connection dies and
 * PostgreSQL releases the lock. Then the shared `job_runs` row decides whether this interval's
 * run happened already (`not_due`), so N processes checking at different moments still run it
 * once per interval. The embedded database belongs to one process (DATA_DIR lock): no lock needed.
 */
export async function checkJob(context: JobContext, job: ScheduledJob): Promise<JobCheck> {
  const outcome = await withJobLock(context.database, job.name, () => runIfDue(context, job))
  context.metrics.jobRuns.inc({ job: job.name, outcome })
  return outcome
}

async function withJobLock(database: Database, name: string, work: () => Promise<JobCheck>): Promise<JobCheck> {
  if (database.kind === 'embedded') return work()
  const client = await database.lockClient()
  let broken: Error | undefined
  // A checked-out connection that dies (server restart, terminated) reports here, not to the
  // pool: without a listener that error would end the process. The lock died with it.
  const onError = (error: Error) => {
    broken = error
  }
  client.on('error', onError)
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [JOB_LOCK_CLASS, name])
    if (!rows[0]?.locked) return 'busy'
    try {
      return await work()
    } finally {
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, name]).catch((error: unknown) => {
        // A connection that cannot unlock is thrown away, and PostgreSQL drops its lock with it.
        broken = error instanceof Error ? error : new Error(String(error))
      })
    }
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}

async function runIfDue(context: JobContext, job: ScheduledJob): Promise<JobCheck> {
  const { db } = context.database
  const startedAt = context.clock()
  if (!(await claimJobRun(db, job.name, startedAt, new Date(startedAt.getTime() - job.intervalMs)))) return 'not_due'
  let counts: Record<string, number>
  try {
    counts = await job.run(startedAt)
  } catch (error) {
    context.log.error({ job: job.name, err: errorForLog(error) }, 'scheduled job failed')
    await finishJobRun(db, job.name, startedAt, 'failed', context.clock())
    if (job.audited) await auditRun(context, job, { outcome: 'failed', error: errorForLog(error).type })
    return 'failed'
  }
  await finishJobRun(db, job.name, startedAt, 'succeeded', context.clock())
  if (job.audited) await auditRun(context, job, { outcome: 'succeeded', ...counts })
  context.metrics.jobLastSuccess.set({ job: job.name }, context.clock().getTime() / 1000)
  context.log.info({ job: job.name, counts }, 'scheduled job done')
  return 'succeeded'
}

function auditRun(context: JobContext, job: ScheduledJob, details: Record<string, unknown>): Promise<void> {
  return recordAudit(context.database.db, { officialId: null, municipality: null, action: `job.${job.name}`, details }, context.clock())
}

/** How often each process looks whether a job is due; a run starts at most this long after it is. */
export const CHECK_EVERY_MS = 5 * 60 * 1000

export interface Scheduler {
  /** Stops checking and waits for a run in progress to end. */
  stop(): Promise<void>
}

/**
 * Checks every job now and then every `checkEveryMs`. A check never overlaps another check of
 * the same job in this process; errors (a database that is down) are logged and tried again at
 * the next check.
 */
export function startScheduler(context: JobContext, jobs: ScheduledJob[], checkEveryMs = CHECK_EVERY_MS): Scheduler {
  const inFlight = new Map<string, Promise<unknown>>()
  const tick = () => {
    for (const job of jobs) {
      if (inFlight.has(job.name)) continue
      const check = checkJob(context, job)
        .catch((error: unknown) => context.log.warn({ job: job.name, err: errorForLog(error) }, 'scheduled job could not be checked'))
        .finally(() => inFlight.delete(job.name))
      inFlight.set(job.name, check)
    }
  }
  tick()
  const timer = setInterval(tick, checkEveryMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await Promise.all(inFlight.values())
    },
  }
}
