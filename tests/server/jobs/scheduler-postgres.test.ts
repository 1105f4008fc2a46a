import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { appJobs, retentionJob } from '../../../src/server/jobs/app-jobs'
import { checkJob, type ScheduledJob } from '../../../src/server/jobs/scheduler'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
const HOUR = 60 * 60 * 1000
let shared: SharedPostgresApps

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 3)
})
afterAll(async () => shared?.close())

const contextOf = (i: number) => appJobs(shared.apps[i]!).context
const db = () => shared.apps[0]!.database.db

async function auditCount(action: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = ${action}`)
  return row?.n ?? 0
}

/** A job whose first run waits until the test opens the gate, so the test can look while it runs; later runs go through. */
function gatedJob(name: string) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  let runs = 0
  const job: ScheduledJob = {
    name,
    intervalMs: HOUR,
    audited: true,
    async run() {
      if (++runs === 1) await gate
      return { done: 1 }
    },
  }
  return { job, open, started: () => runs > 0 }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('scheduled jobs on three processes sharing one PostgreSQL database', () => {
  it('run the retention job once when all three trigger it at the same moment, with one audit entry', async () => {
    const outcomes = await Promise.all(shared.apps.map((app, i) => checkJob(contextOf(i), retentionJob(app))))
    expect(outcomes.filter((o) => o === 'succeeded')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'busy' || o === 'not_due')).toHaveLength(2)
    expect(await auditCount('job.retention')).toBe(1)
    const [entry] = await queryRows<{ municipality: string | null; details: Record<string, unknown> }>(db(), sql`select municipality, details from audit_log where action = 'job.retention'`)
    expect(entry).toEqual({ municipality: null, details: { outcome: 'succeeded', municipalities: 0, pendingDeleted: 0, nonSelectedContactsDeleted: 0, memberContactsDeleted: 0, unconfirmedDeleted: 0, answerItemsAnonymised: 0, renewalsRequested: 0, notRenewedRemoved: 0, signalContactsDeleted: 0 } })

    // Checked again within the hour, by any process: already done.
    expect(await checkJob(contextOf(2), retentionJob(shared.apps[2]!))).toBe('not_due')
    shared.clock.now = new Date(shared.clock.now.getTime() + HOUR)
    const nextHour = await Promise.all(shared.apps.map((app, i) => checkJob(contextOf(i), retentionJob(app))))
    expect(nextHour.filter((o) => o === 'succeeded')).toHaveLength(1)
    expect(await auditCount('job.retention')).toBe(2)
  })

  it('skip a job another process is running (busy), then find it done (not due)', async () => {
    const { job, open, started } = gatedJob('gated')
    const first = checkJob(contextOf(0), job)
    await until(started, 'the first run to start')
    expect(await checkJob(contextOf(1), job)).toBe('busy')
    expect(await checkJob(contextOf(2), job)).toBe('busy')
    open()
    expect(await first).toBe('succeeded')
    expect(await checkJob(contextOf(1), job)).toBe('not_due')
    expect(await auditCount('job.gated')).toBe(1)
  })

  it('let another process take over when the one running a job loses its connection (a killed process)', async () => {
    const { job, open, started } = gatedJob('orphaned')
    const first = checkJob(contextOf(0), job).catch(() => 'lost' as const)
    await until(started, 'the first run to start')
    // What a kill -9 does to the lock: its session ends, PostgreSQL drops the advisory lock.
    await queryRows(db(), sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid = 72617002 and granted`)
    await until(async () => (await queryRows(db(), sql`select 1 from pg_locks where locktype = 'advisory' and classid = 72617002`)).length === 0, 'the lock to go')
    // The dead run claimed this hour; the next hour another process runs it.
    expect(await checkJob(contextOf(1), job)).toBe('not_due')
    shared.clock.now = new Date(shared.clock.now.getTime() + HOUR)
    expect(await checkJob(contextOf(1), job)).toBe('succeeded')
    open()
    await first
    const [row] = await queryRows<{ outcome: string }>(db(), sql`select outcome from job_runs where job = 'orphaned'`)
    expect(row?.outcome).toBe('succeeded')
  })

  it('records a failed run once, in the audit log and the metrics', async () => {
    const failing: ScheduledJob = { name: 'failing', intervalMs: HOUR, audited: true, run: () => Promise.reject(new TypeError('broken')) }
    const outcomes = await Promise.all(shared.apps.map((_, i) => checkJob(contextOf(i), failing)))
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(1)
    const [entry] = await queryRows<{ details: Record<string, unknown> }>(db(), sql`select details from audit_log where action = 'job.failing'`)
    expect(entry?.details).toEqual({ outcome: 'failed', error: 'TypeError' })
    expect(await auditCount('job.failing')).toBe(1)
    const texts = await Promise.all(shared.apps.map((a) => a.metrics.registry.metrics()))
    expect(texts.filter((t) => t.includes('meepraat_job_runs_total{job="failing",outcome="failed"} 1'))).toHaveLength(1)
  })
})
