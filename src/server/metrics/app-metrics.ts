import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Database } from '../db/client'

/**
 * Every Prometheus metric of one app, on a registry of its own (never prom-client's global one),
 * so tests that build several apps in one process each count their own.
 * Labels are bounded sets only: route patterns, never raw URLs (they would hold ids).
 */
export interface AppMetrics {
  registry: Registry
  httpRequests: Counter<'route' | 'method' | 'status_class'>
  httpDuration: Histogram<'route' | 'method' | 'status_class'>
  /** Submissions per POST /api/submissions request. */
  ingestBatchSize: Histogram
  /** Time a request waits in the group commit before the transaction that stores it starts. */
  ingestGroupWait: Histogram
  /** Requests and submissions that shared one transaction. */
  ingestGroupRequests: Histogram
  ingestGroupSubmissions: Histogram
  /** Requests tried again alone after the shared transaction they were in failed. */
  ingestIsolatedRetries: Counter
  submissionResults: Counter<'status' | 'reason'>
  /** Sent inline by the notifier (there is no mail queue yet). */
  mailSent: Counter
  mailFailed: Counter
  jobRuns: Counter<'job' | 'outcome'>
  jobLastSuccess: Gauge<'job'>
}

export interface AppMetricsOptions {
  /** Process metrics (CPU, memory, event loop, GC): once per process, so only the real server asks. */
  processMetrics?: boolean
}

const SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

export function createAppMetrics(database: Database, options: AppMetricsOptions = {}): AppMetrics {
  const registry = new Registry()
  const registers = [registry]
  if (options.processMetrics) collectDefaultMetrics({ register: registry })

  new Gauge({
    name: 'meepraat_database_info',
    help: 'The database this process uses (kind: embedded or postgres); always 1',
    labelNames: ['kind'],
    registers,
    collect() {
      this.set({ kind: database.kind }, 1)
    },
  })
  // Read when scraped: node-postgres keeps these counts itself. Absent on the embedded database.
  if (database.kind === 'postgres') {
    const pool = (name: string, help: string, pick: (s: NonNullable<ReturnType<Database['poolStats']>>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const stats = database.poolStats()
          if (stats) this.set(pick(stats))
        },
      })
    pool('meepraat_db_pool_max_connections', 'Most connections the pool opens (DATABASE_POOL_SIZE)', (s) => s.max)
    pool('meepraat_db_pool_connections', 'Open connections in the pool, busy or idle', (s) => s.total)
    pool('meepraat_db_pool_idle_connections', 'Idle connections in the pool', (s) => s.idle)
    pool('meepraat_db_pool_waiting_clients', 'Queries waiting for a free connection', (s) => s.waiting)
  }

  const httpLabels = ['route', 'method', 'status_class'] as const
  return {
    registry,
    httpRequests: new Counter({ name: 'meepraat_http_requests_total', help: 'HTTP requests answered, per route pattern, method and status class', labelNames: httpLabels, registers }),
    httpDuration: new Histogram({
      name: 'meepraat_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, per route pattern, method and status class',
      labelNames: httpLabels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    ingestBatchSize: new Histogram({ name: 'meepraat_ingest_batch_submissions', help: 'Submissions per ingest request', buckets: SIZE_BUCKETS, registers }),
    ingestGroupWait: new Histogram({
      name: 'meepraat_ingest_group_wait_seconds',
      help: 'Time an ingest request waited before the transaction storing it started (group commit)',
      buckets: WAIT_BUCKETS,
      registers,
    }),
    ingestGroupRequests: new Histogram({ name: 'meepraat_ingest_group_requests', help: 'Ingest requests sharing one transaction (group commit)', buckets: SIZE_BUCKETS, registers }),
    ingestGroupSubmissions: new Histogram({ name: 'meepraat_ingest_group_submissions', help: 'Submissions stored in one shared transaction (group commit)', buckets: SIZE_BUCKETS, registers }),
    ingestIsolatedRetries: new Counter({
      name: 'meepraat_ingest_isolated_retries_total',
      help: 'Ingest requests tried again on their own transaction after the shared one failed',
      registers,
    }),
    submissionResults: new Counter({
      name: 'meepraat_submission_results_total',
      help: 'Results of submissions: accepted, duplicate, rejected (with reason)',
      labelNames: ['status', 'reason'],
      registers,
    }),
    mailSent: new Counter({ name: 'meepraat_mail_sent_total', help: 'E-mails handed to the mail server (or the development file); there is no mail queue', registers }),
    mailFailed: new Counter({ name: 'meepraat_mail_failed_total', help: 'E-mails that could not be handed over', registers }),
    jobRuns: new Counter({
      name: 'meepraat_job_runs_total',
      help: 'Scheduled job checks by outcome: succeeded, failed, not_due (ran recently), busy (running in another process)',
      labelNames: ['job', 'outcome'],
      registers,
    }),
    jobLastSuccess: new Gauge({ name: 'meepraat_job_last_success_timestamp_seconds', help: 'When a scheduled job last succeeded in this process', labelNames: ['job'], registers }),
  }
}
