/**
 * Throughput and latency of `POST /api/submissions` against the real server process, on the
 * embedded database (PGlite in a temp DATA_DIR) and on a durable throwaway PostgreSQL cluster.
 * Every request carries new submission ids and device ids. Afterwards the stored receipts are
 * checked against the submissions the server answered `accepted`.
 *
 *   npx tsx bench/ingest.ts            # both databases, batches of 1 and 50
 *   BENCH_TARGETS=postgres BENCH_BATCHES=1 BENCH_DURATION=10 npx tsx bench/ingest.ts
 *   BENCH_CPU_PROF=/tmp/prof npx tsx bench/ingest.ts   # plus a CPU profile of the server
 * Other knobs: BENCH_WARMUP (s), BENCH_CONNECTIONS, BENCH_ITEMS (items per run),
 * BENCH_PG_DURABLE=0 (fsync off; experiments only).
 */
import { readdirSync, readFileSync } from 'node:fs'
import autocannon, { type Result } from 'autocannon'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import type { Db } from '../src/server/db/client'
import type { Submission } from '../src/shared/schemas/submission'
import { answersFor } from './lib/answers'
import { isMain, log, round, runAsScript, withScope, type Scope } from './lib/common'
import { countReceiptsOf, openDatabase, scalar, type Target } from './lib/db'
import { factories, postgresCluster, serverProcess, type ServerProcess } from './lib/support'
import { clusterPids, walDuring, type WalFigures } from './lib/wal-meter'

export interface IngestOptions {
  targets: Target[]
  batchSizes: number[]
  /** Seconds of each measured run. */
  duration: number
  /** Seconds of the unmeasured warm-up before each run. */
  warmup: number
  connections: number
  /** Open poll items the submissions of one run are spread over. */
  items: number
  /** PostgreSQL with fsync and synchronous_commit on (the default); off only for experiments. */
  durable: boolean
}

export interface IngestCheck {
  /** Submissions the server answered `accepted` (from the response bodies). */
  accepted: number
  /** Receipts stored for the run's items. */
  storedReceipts: number
  /** Of the accepted ids, how many have a receipt (must equal `accepted`). */
  acceptedWithReceipt: number
  /** Receipts of requests whose response never arrived (cut off when the run stopped). */
  storedWithoutResponse: number
  /** Submissions sent whose response never arrived (upper bound of the above). */
  unanswered: number
  /** Rows in current_answers for the run's items (one per device; every device is new). */
  currentAnswers: number
  /** Sum of the respondents tallies of the run's items. */
  respondentsTally: number
  ok: boolean
}

export interface IngestRun {
  target: Target
  batchSize: number
  connections: number
  items: number
  /** PostgreSQL only: fsync and synchronous_commit on. */
  postgresDurable?: boolean
  durationS: number
  requests: number
  requestsPerS: number
  submissionsPerS: number
  acceptedPerS: number
  latencyMs: { p50: number; p97_5: number; p99: number; mean: number; max: number }
  non2xx: number
  errors: number
  timeouts: number
  statuses: { accepted: number; duplicate: number; rejected: number }
  /**
   * CPU used during the measured run, in cores (1.0 = one core busy the whole time): the server
   * process, the run's PostgreSQL cluster, the load generator, anything else on the machine.
   */
  cpu: { server: number; postgres: number; loadGenerator: number; other: number; machineCores: number }
  /** PostgreSQL only: what the pool's connections were doing, sampled every 100 ms. */
  postgresActivity?: Record<string, number>
  /** PostgreSQL only: WAL flushes, commits and bytes per second, from 1 s into the run to 1 s before its end. */
  wal?: WalFigures
  check: IngestCheck
}

export const defaultIngestOptions: IngestOptions = {
  targets: ['embedded', 'postgres'],
  batchSizes: [1, 50],
  duration: 15,
  warmup: 3,
  connections: 32,
  items: 3,
  durable: true,
}

export interface Load {
  result: Result
  accepted: string[]
  statuses: { accepted: number; duplicate: number; rejected: number }
  generated: number
  answered: number
}

/** One autocannon run; each request body is built fresh with new ids. */
export async function fire(server: Pick<ServerProcess, 'url'>, itemIds: string[], batchSize: number, seconds: number, connections: number): Promise<Load> {
  const { aSubmission } = await factories()
  const accepted: string[] = []
  const statuses = { accepted: 0, duplicate: 0, rejected: 0 }
  let generated = 0
  let answered = 0
  let counter = 0
  const result = await autocannon({
    url: server.url,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/submissions',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const submissions: Submission[] = []
          const answeredAt = new Date().toISOString()
          for (let i = 0; i < batchSize; i++) {
            counter += 1
            submissions.push(aSubmission(itemIds[counter % itemIds.length]!, { answeredAt, answers: answersFor(counter) }))
          }
          generated += batchSize
          return { ...request, body: JSON.stringify({ submissions }) }
        },
        onResponse: (status, body) => {
          if (status !== 200) return
          const { results } = JSON.parse(body) as { results: { id: string; status: keyof typeof statuses }[] }
          answered += results.length
          for (const r of results) {
            statuses[r.status] += 1
            if (r.status === 'accepted') accepted.push(r.id)
          }
        },
      },
    ],
  })
  return { result, accepted, statuses, generated, answered }
}

export function cpuTicksOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  const total = values.reduce((s, v) => s + v, 0)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  return { busy: total - idle, total }
}

export function postgresPids(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return pids
}

export function ticksOfAll(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>()
  for (const pid of pids) {
    try {
      ticks.set(pid, cpuTicksOf(pid))
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks
}

/**
 * CPU meter over the measured run, in cores (Linux /proc; USER_HZ is 100 on every common
 * kernel): the server process, the processes of the run's PostgreSQL cluster (`postgres`, alive
 * at the start; not every postgres on the machine, since other work may run clusters too), this
 * load generator, and everything else (other work on the machine).
 */
function startCpuMeter(serverPid: number, postgres: number[]) {
  const HZ = 100
  const t0 = performance.now()
  const server0 = cpuTicksOf(serverPid)
  const pg0 = ticksOfAll(postgres)
  const self0 = process.cpuUsage()
  const machine0 = machineTicks()
  return () => {
    const seconds = (performance.now() - t0) / 1000
    const server = (cpuTicksOf(serverPid) - server0) / HZ / seconds
    const pg1 = ticksOfAll([...pg0.keys()])
    const postgres = [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? t), 0) / HZ / seconds
    const self = process.cpuUsage(self0)
    const loadGenerator = (self.user + self.system) / 1e6 / seconds
    const machine = machineTicks()
    const machineBusy = (machine.busy - machine0.busy) / HZ / seconds
    return {
      server: round(server, 2),
      postgres: round(postgres, 2),
      loadGenerator: round(loadGenerator, 2),
      other: round(Math.max(0, machineBusy - server - postgres - loadGenerator), 2),
      machineCores: round(machineBusy, 2),
    }
  }
}

/** Samples pg_stat_activity of the server's connections: state plus wait event. */
function startActivitySampler(url: string) {
  const client = new pg.Client({ connectionString: url })
  const counts: Record<string, number> = {}
  let samples = 0
  let running = true
  const loop = (async () => {
    await client.connect()
    while (running) {
      const { rows } = await client.query<{ what: string }>(
        `select case when state = 'active' then 'active: ' || coalesce(wait_event_type || '/' || wait_event, 'on CPU')
                     else coalesce(state, 'unknown') end as what
           from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid() and datname = current_database()`,
      )
      samples += 1
      for (const r of rows) counts[r.what] = (counts[r.what] ?? 0) + 1
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return async () => {
    running = false
    await loop.catch(() => undefined)
    await client.end().catch(() => undefined)
    // Average number of the server's connections in each state per sample.
    return Object.fromEntries(
      Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([k, v]) => [k, round(v / Math.max(1, samples), 2)]),
    )
  }
}

export async function checkRun(db: Db, itemIds: string[], load: Load): Promise<IngestCheck> {
  const items = `{${itemIds.join(',')}}`
  const storedReceipts = await scalar(db, sql`select count(*) as n from submission_receipts where item_id = any(${items}::uuid[])`)
  const currentAnswers = await scalar(db, sql`select count(*) as n from current_answers where item_id = any(${items}::uuid[])`)
  const respondentsTally = await scalar(
    db,
    sql`select coalesce(sum(count), 0) as n from result_counts where item_id = any(${items}::uuid[]) and question_id = '' and value_key = ''`,
  )
  const acceptedWithReceipt = await countReceiptsOf(db, load.accepted)
  const accepted = load.accepted.length
  const unanswered = load.generated - load.answered
  const storedWithoutResponse = storedReceipts - acceptedWithReceipt
  return {
    accepted,
    storedReceipts,
    acceptedWithReceipt,
    storedWithoutResponse,
    unanswered,
    currentAnswers,
    respondentsTally,
    ok:
      acceptedWithReceipt === accepted &&
      storedWithoutResponse >= 0 &&
      storedWithoutResponse <= unanswered &&
      currentAnswers === storedReceipts &&
      respondentsTally === storedReceipts,
  }
}

interface Plan {
  batchSize: number
  warmupItems: string[]
  items: string[]
}

async function seed(db: Db, batchSizes: number[], itemsPerRun: number): Promise<Plan[]> {
  const { givenMunicipality, givenItem } = await factories()
  await givenMunicipality(db)
  const now = new Date()
  const plans: Plan[] = []
  for (const batchSize of batchSizes) {
    const make = async (label: string) => {
      const ids: string[] = []
      for (let i = 0; i < itemsPerRun; i++) ids.push(await givenItem(db, now, { title: `Bench ${label} ${batchSize} #${i + 1}` }))
      return ids
    }
    plans.push({ batchSize, warmupItems: await make('warm-up'), items: await make('run') })
  }
  return plans
}

async function benchTarget(scope: Scope, target: Target, options: IngestOptions): Promise<IngestRun[]> {
  const { startServerProcess } = await serverProcess()
  let env: Record<string, string>
  let reopen: () => ReturnType<typeof openDatabase>
  let plans: Plan[]
  if (target === 'postgres') {
    const { startPostgresCluster } = await postgresCluster()
    log(`postgres: starting a ${options.durable ? 'durable' : 'NON-durable (fsync off)'} throwaway cluster`)
    const cluster = await startPostgresCluster({ durable: options.durable })
    scope.defer('stop PostgreSQL cluster', () => cluster.stop())
    const database = await openDatabase(scope, { url: cluster.url })
    plans = await seed(database.db, options.batchSizes, options.items)
    await database.close()
    // DATA_DIR still holds the server's files besides the database (e.g. mail written to disk).
    env = { DATABASE_URL: cluster.url, DATA_DIR: scope.tempDir('meepraat-bench-data-'), DEMO: '0' }
    reopen = () => openDatabase(scope, { url: cluster.url })
  } else {
    const dataDir = scope.tempDir('meepraat-bench-pglite-')
    // PGlite is single-process: seed, close, then let the server open the same directory.
    const database = await openDatabase(scope, { dataDir })
    plans = await seed(database.db, options.batchSizes, options.items)
    await database.close()
    env = { DATA_DIR: dataDir, DEMO: '0' }
    reopen = () => openDatabase(scope, { dataDir })
  }

  log(`${target}: starting the server process`)
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the server process to DIR when it stops.
  // (--cpu-prof itself is not allowed in NODE_OPTIONS, so a small --import hook does it.)
  const hook = new URL('./lib/cpu-profile-hook.mjs', import.meta.url).href
  const profile: Record<string, string> = process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--import ${hook}` } : {}
  const server = await startServerProcess({ ...env, ...profile, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(48), DEVICE_KEY_SECRET: 'k'.repeat(48), SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'warn' })
  let serverStopped = false
  const stopServer = async () => {
    if (serverStopped) return
    serverStopped = true
    const said = server.output().trim()
    if (said) log(`${target}: the server printed: ${said.slice(-600)}`)
    await server.stop()
  }
  scope.defer('stop server process', stopServer)

  const measured: { plan: Plan; load: Load; cpu: IngestRun['cpu']; activity?: Record<string, number>; wal?: WalFigures }[] = []
  for (const plan of plans) {
    log(`${target}: batch ${plan.batchSize}: warm-up ${options.warmup} s`)
    const warm = await fire(server, plan.warmupItems, plan.batchSize, options.warmup, options.connections)
    log(`${target}: batch ${plan.batchSize}: warm-up answered ${warm.answered} submissions`)
    log(`${target}: batch ${plan.batchSize}: measuring ${options.duration} s with ${options.connections} connections`)
    const stopActivity = target === 'postgres' ? startActivitySampler(env.DATABASE_URL!) : null
    const walMeter = target === 'postgres' ? walDuring(env.DATABASE_URL!, 1000, (options.duration - 1) * 1000) : null
    // On PostgreSQL the cluster's own processes (the pool's connections are open since the warm-up).
    const stopCpu = startCpuMeter(server.child.pid!, target === 'postgres' ? await clusterPids(env.DATABASE_URL!) : [])
    const load = await fire(server, plan.items, plan.batchSize, options.duration, options.connections)
    const cpu = stopCpu()
    const activity = stopActivity ? await stopActivity() : undefined
    const wal = walMeter ? await walMeter : undefined
    measured.push({ plan, load, cpu, ...(activity ? { activity } : {}), ...(wal ? { wal } : {}) })
    // Let requests cut off at the end of the run finish before anything is counted.
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  // The server closes its database on SIGTERM; PGlite can only be opened again after that.
  await stopServer()

  const database = await reopen()
  const runs: IngestRun[] = []
  for (const { plan, load, cpu, activity, wal } of measured) {
    const check = await checkRun(database.db, plan.items, load)
    const r = load.result
    const requestsPerS = r.requests.total / r.duration
    runs.push({
      target,
      batchSize: plan.batchSize,
      connections: options.connections,
      items: plan.items.length,
      ...(target === 'postgres' ? { postgresDurable: options.durable } : {}),
      durationS: r.duration,
      requests: r.requests.total,
      requestsPerS: round(requestsPerS),
      submissionsPerS: round(requestsPerS * plan.batchSize),
      acceptedPerS: round(load.statuses.accepted / r.duration),
      latencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, mean: round(r.latency.mean, 2), max: r.latency.max },
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      statuses: load.statuses,
      cpu,
      ...(activity ? { postgresActivity: activity } : {}),
      ...(wal ? { wal } : {}),
      check,
    })
  }
  await database.close()
  return runs
}

export interface IngestOutcome {
  runs: IngestRun[]
  /** Targets that could not be measured (one failing never stops the other). */
  failures: { target: Target; error: string }[]
}

export async function runIngest(options: IngestOptions = defaultIngestOptions): Promise<IngestOutcome> {
  const outcome: IngestOutcome = { runs: [], failures: [] }
  for (const target of options.targets) {
    try {
      outcome.runs.push(...(await withScope((scope) => benchTarget(scope, target, options))))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      console.error(`ingest on ${target} failed: ${message}`)
      outcome.failures.push({ target, error: message })
    }
  }
  return outcome
}

export function ingestOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): IngestOptions {
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback)
  return {
    targets: env.BENCH_TARGETS ? (env.BENCH_TARGETS.split(',') as Target[]) : defaultIngestOptions.targets,
    batchSizes: env.BENCH_BATCHES ? env.BENCH_BATCHES.split(',').map(Number) : defaultIngestOptions.batchSizes,
    duration: number('BENCH_DURATION', defaultIngestOptions.duration),
    warmup: number('BENCH_WARMUP', defaultIngestOptions.warmup),
    connections: number('BENCH_CONNECTIONS', defaultIngestOptions.connections),
    items: number('BENCH_ITEMS', defaultIngestOptions.items),
    durable: env.BENCH_PG_DURABLE !== '0',
  }
}

/** WAL figures of a run beside what it stored per second: how many a flush carried, bytes each. */
export function describeWal(wal: WalFigures, storedPerS: number, what: string): string {
  const perFlush = wal.syncsPerS > 0 ? round(storedPerS / wal.syncsPerS, 1) : NaN
  const bytesEach = storedPerS > 0 ? Math.round((wal.mbPerS * 1e6) / storedPerS) : NaN
  return `WAL ${wal.syncsPerS} flushes/s (${perFlush} ${what} per flush), ${wal.commitsPerS} commits/s, ${wal.mbPerS} MB/s (${bytesEach} bytes per ${what.replace(/s$/, '')})`
}

export function printIngest({ runs, failures }: IngestOutcome): void {
  console.log('\n| database | batch | req/s | submissions/s | p50 ms | p99 ms | non-2xx | errors | accepted | receipts check | CPU cores: server / postgres / load generator / other |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|')
  for (const r of runs) {
    const c = r.check
    const check = `${c.ok ? 'ok' : 'MISMATCH'}: ${c.acceptedWithReceipt}/${c.accepted} accepted stored, ${c.storedReceipts} receipts (+${c.storedWithoutResponse} cut off)`
    console.log(
      `| ${r.target} | ${r.batchSize} | ${r.requestsPerS} | ${r.submissionsPerS} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.non2xx} | ${r.errors + r.timeouts} | ${r.statuses.accepted} | ${check} | ${r.cpu.server} / ${r.cpu.postgres} / ${r.cpu.loadGenerator} / ${r.cpu.other} |`,
    )
  }
  for (const r of runs.filter((x) => x.postgresActivity)) {
    const states = Object.entries(r.postgresActivity ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')
    console.log(`postgres batch ${r.batchSize}: server connections per sample: ${states}`)
  }
  for (const r of runs.filter((x) => x.wal)) console.log(`postgres batch ${r.batchSize}: ${describeWal(r.wal!, r.acceptedPerS, 'submissions')}`)
  for (const f of failures) console.log(`${f.target}: FAILED: ${f.error.split('\n')[0]}`)
}

if (isMain(import.meta.url)) {
  runAsScript(async () => {
    const outcome = await runIngest(ingestOptionsFromEnv())
    printIngest(outcome)
    if (outcome.runs.some((r) => !r.check.ok)) console.log('\nWARNING: stored receipts do not match the accepted submissions (see above)')
    if (outcome.failures.length > 0) process.exitCode = 1
  })
}
