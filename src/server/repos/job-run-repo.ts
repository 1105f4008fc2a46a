import { and, eq, lte } from 'drizzle-orm'
import type { Db } from '../db/client'
import { jobRuns } from '../db/schema'

/**
 * Claims this interval's run of a job: true when the job never ran or its last run started at or
 * before `dueBefore`, and then marks it started at `now`. One statement, so of processes that
 * claim at once exactly one wins, even without the advisory lock.
 */
export async function claimJobRun(db: Db, job: string, now: Date, dueBefore: Date): Promise<boolean> {
  const rows = await db
    .insert(jobRuns)
    .values({ job, startedAt: now, outcome: 'running' })
    .onConflictDoUpdate({
      target: jobRuns.job,
      set: { startedAt: now, finishedAt: null, outcome: 'running' },
      setWhere: lte(jobRuns.startedAt, dueBefore),
    })
    .returning({ job: jobRuns.job })
  return rows.length === 1
}

/** Records how the run that started at `startedAt` ended. */
export async function finishJobRun(db: Db, job: string, startedAt: Date, outcome: 'succeeded' | 'failed', now: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ outcome, finishedAt: now })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.startedAt, startedAt), eq(jobRuns.outcome, 'running')))
}
