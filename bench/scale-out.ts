/**
 * Scale-out: PostgreSQL ingest through Debian's HAProxy with 1, 2 and 3 server processes, plus
 * one process without the balancer (what HAProxy costs), and the cost of the readiness probe.
 * Same load as bench/ingest.ts (autocannon, fresh ids per request, durable PostgreSQL cluster),
 * always the same number of connections, so the rows differ only in the processes behind it.
 * On a small machine everything (load generator, HAProxy, servers, PostgreSQL) shares the same
 * cores: the CPU columns say where they went.
 *
 *   npx tsx bench/scale-out.ts
 *   BENCH_SCALE_PROCESSES=1,3 BENCH_BATCHES=50 BENCH_DURATION=10 npx tsx bench/scale-out.ts
 */
import os from 'node:os'
import autocannon from 'autocannon'
import { checkRun, cpuTicksOf, fire, machineTicks, postgresPids, ticksOfAll, type IngestCheck } from './ingest'
import { isMain, log, round, runAsScript, withScope, type Scope } from './lib/common'
import { openDatabase } from './lib/db'
import { factories, haproxy, postgresCluster, serverProcess, type ServerProcess } from './lib/support'

export interface ScaleOutOptions {
  /** How many server processes behind the balancer, per run. */
  processes: number[]
  batchSizes: number[]
  duration: number
  warmup: number
  connections: number
  items: number
  /** Seconds of the readiness-probe run. */
  probeDuration: number
}

export const defaultScaleOutOptions: ScaleOutOptions = {
  processes: [1, 2, 3],
  batchSizes: [1, 50],
  duration: 10,
  warmup: 3,
  connections: 32,
  items: 3,
  probeDuration: 10,
}

export interface ScaleOutRun {
  /** `direct`: one process, no balancer; otherwise the number of processes behind HAProxy. */
  via: 'direct' | 'haproxy'
  processes: number
  batchSize: number
  connections: number
  requestsPerS: number
  /** Submissions answered `accepted` per second (non-2xx answers carry none). */
  acceptedPerS: number
  latencyMs: { p50: number; p99: number; max: number }
  non2xx: number
  errors: number
  /** Cores busy during the run: all server processes, postgres, HAProxy, the load generator, the rest. */
  cpu: { servers: number; postgres: number; haproxy: number; loadGenerator: number; other: number; machineCores: number }
  check: IngestCheck
}

export interface ProbeRun {
  path: string
  requestsPerS: number
  latencyMs: { p50: number; p99: number; max: number }
  non2xx: number
  /** Cores: the server process and postgres during the run. */
  cpu: { server: number; postgres: number }
}

export interface ScaleOutOutcome {
  machineCores: number
  runs: ScaleOutRun[]
  probes: ProbeRun[]
}

const HZ = 100

function startMeter(serverPids: number[], haproxyPid: number | undefined) {
  const t0 = performance.now()
  const servers0 = ticksOfAll(serverPids)
  const pg0 = ticksOfAll(postgresPids())
  const ha0 = haproxyPid ? cpuTicksOf(haproxyPid) : 0
  const self0 = process.cpuUsage()
  const machine0 = machineTicks()
  const sum = (before: Map<number, number>) => [...ticksOfAll([...before.keys()])].reduce((s, [pid, t]) => s + t - (before.get(pid) ?? t), 0)
  return () => {
    const seconds = (performance.now() - t0) / 1000
    const servers = sum(servers0) / HZ / seconds
    const postgres = sum(pg0) / HZ / seconds
    const ha = haproxyPid ? (cpuTicksOf(haproxyPid) - ha0) / HZ / seconds : 0
    const self = process.cpuUsage(self0)
    const loadGenerator = (self.user + self.system) / 1e6 / seconds
    const machineCores = (machineTicks().busy - machine0.busy) / HZ / seconds
    return {
      servers: round(servers, 2),
      postgres: round(postgres, 2),
      haproxy: round(ha, 2),
      loadGenerator: round(loadGenerator, 2),
      other: round(Math.max(0, machineCores - servers - postgres - ha - loadGenerator), 2),
      machineCores: round(machineCores, 2),
    }
  }
}

async function seedItems(scope: Scope, url: string, count: number, label: string): Promise<string[]> {
  const { givenMunicipality, givenItem } = await factories()
  const database = await openDatabase(scope, { url })
  await givenMunicipality(database.db)
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push(await givenItem(database.db, new Date(), { title: `Scale ${label} #${i + 1}` }))
  await database.close()
  return ids
}

async function measureProbe(server: ServerProcess, path: string, seconds: number): Promise<ProbeRun> {
  const meter = startMeter([server.child.pid!], undefined)
  const r = await autocannon({ url: `${server.url}${path}`, connections: 10, pipelining: 1, duration: seconds, timeout: 10 })
  const cpu = meter()
  return {
    path,
    requestsPerS: round(r.requests.total / r.duration),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    cpu: { server: cpu.servers, postgres: cpu.postgres },
  }
}

async function runScaleOut(scope: Scope, options: ScaleOutOptions): Promise<ScaleOutOutcome> {
  const { startPostgresCluster } = await postgresCluster()
  const { startServerProcess } = await serverProcess()
  const { startHaproxy, haproxyAvailable } = await haproxy()
  if (!haproxyAvailable()) throw new Error('HAProxy not found at /usr/sbin/haproxy: apt-get install -y haproxy')
  log('scale-out: starting a durable throwaway PostgreSQL cluster')
  const cluster = await startPostgresCluster({ durable: true })
  scope.defer('stop PostgreSQL cluster', () => cluster.stop())
  await seedItems(scope, cluster.url, 1, 'schema')

  const most = Math.max(...options.processes)
  log(`scale-out: starting ${most} server processes`)
  const env = { DATABASE_URL: cluster.url, DEMO: '0', STATIC_DIR: '/nonexistent', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(48), DEVICE_KEY_SECRET: 'k'.repeat(48), SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'warn' }
  const servers = await Promise.all(Array.from({ length: most }, () => startServerProcess({ ...env, DATA_DIR: scope.tempDir('meepraat-scale-bench-') })))
  for (const s of servers) scope.defer(`stop server ${s.port}`, () => s.stop())

  const db = await openDatabase(scope, { url: cluster.url })

  const runs: ScaleOutRun[] = []
  const plan: { via: 'direct' | 'haproxy'; processes: number }[] = [
    { via: 'direct', processes: 1 },
    ...options.processes.map((n) => ({ via: 'haproxy' as const, processes: n })),
  ]
  for (const batchSize of options.batchSizes) {
    for (const step of plan) {
      const behind = servers.slice(0, step.processes)
      const balancer = step.via === 'haproxy' ? await startHaproxy(behind.map((s) => s.port)) : undefined
      const target = balancer ?? behind[0]!
      const label = `${step.via === 'direct' ? 'direct, 1 process' : `HAProxy, ${step.processes} process(es)`}, batch ${batchSize}`
      const warmItems = await seedItems(scope, cluster.url, options.items, `warm ${label}`)
      const items = await seedItems(scope, cluster.url, options.items, label)
      log(`scale-out: ${label}: warm-up ${options.warmup} s, then ${options.duration} s`)
      await fire(target, warmItems, batchSize, options.warmup, options.connections)
      const meter = startMeter(behind.map((s) => s.child.pid!), balancer?.pid)
      const load = await fire(target, items, batchSize, options.duration, options.connections)
      const cpu = meter()
      await balancer?.stop()
      // Let requests cut off at the end settle before counting receipts.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const check = await checkRun(db.db, items, load)
      const r = load.result
      const requestsPerS = r.requests.total / r.duration
      runs.push({
        via: step.via,
        processes: step.processes,
        batchSize,
        connections: options.connections,
        requestsPerS: round(requestsPerS),
        acceptedPerS: round(load.statuses.accepted / r.duration),
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        cpu,
        check,
      })
    }
  }
  await db.close()

  log(`scale-out: readiness probe cost, ${options.probeDuration} s each on one process`)
  const probes = [
    await measureProbe(servers[0]!, '/api/health/ready', options.probeDuration),
    await measureProbe(servers[0]!, '/api/health/live', options.probeDuration),
  ]
  return { machineCores: os.cpus().length, runs, probes }
}

export function runScaleOutBench(options: ScaleOutOptions = defaultScaleOutOptions): Promise<ScaleOutOutcome> {
  return withScope((scope) => runScaleOut(scope, options))
}

export function scaleOutOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ScaleOutOptions {
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback)
  const list = (name: string, fallback: number[]) => (env[name] ? env[name].split(',').map(Number) : fallback)
  return {
    processes: list('BENCH_SCALE_PROCESSES', defaultScaleOutOptions.processes),
    batchSizes: list('BENCH_SCALE_BATCHES', defaultScaleOutOptions.batchSizes),
    duration: number('BENCH_DURATION', defaultScaleOutOptions.duration),
    warmup: number('BENCH_WARMUP', defaultScaleOutOptions.warmup),
    connections: number('BENCH_CONNECTIONS', defaultScaleOutOptions.connections),
    items: number('BENCH_ITEMS', defaultScaleOutOptions.items),
    probeDuration: number('BENCH_PROBE_DURATION', defaultScaleOutOptions.probeDuration),
  }
}

export function printScaleOut(outcome: ScaleOutOutcome): void {
  console.log(`\n| via | processes | batch | req/s | accepted submissions/s | p50 ms | p99 ms | non-2xx | errors | receipts check | CPU cores (of ${outcome.machineCores}): servers / postgres / haproxy / load generator / other |`)
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|')
  for (const r of outcome.runs) {
    const c = r.check
    const check = `${c.ok ? 'ok' : 'MISMATCH'}: ${c.acceptedWithReceipt}/${c.accepted} accepted stored`
    console.log(
      `| ${r.via} | ${r.processes} | ${r.batchSize} | ${r.requestsPerS} | ${r.acceptedPerS} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.non2xx} | ${r.errors} | ${check} | ${r.cpu.servers} / ${r.cpu.postgres} / ${r.cpu.haproxy} / ${r.cpu.loadGenerator} / ${r.cpu.other} |`,
    )
  }
  console.log('\n| probe (one process, 10 connections) | req/s | p50 ms | p99 ms | non-2xx | CPU cores: server / postgres |')
  console.log('|---|---:|---:|---:|---:|---|')
  for (const p of outcome.probes) {
    console.log(`| GET ${p.path} | ${p.requestsPerS} | ${p.latencyMs.p50} | ${p.latencyMs.p99} | ${p.non2xx} | ${p.cpu.server} / ${p.cpu.postgres} |`)
  }
}

if (isMain(import.meta.url)) {
  runAsScript(async () => {
    const outcome = await runScaleOutBench(scaleOutOptionsFromEnv())
    printScaleOut(outcome)
    if (outcome.runs.some((r) => !r.check.ok)) console.log('\nWARNING: stored receipts do not match the accepted submissions (see above)')
  })
}
