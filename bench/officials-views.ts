/**
 * What officials wait for on a big item: the input overview's breakdowns and the CSV export.
 * Answers are bulk-loaded with SQL (generate_series, `answersSql`, varied age bands and areas,
 * one in a thousand hidden) up to each size in turn (10,000, 100,000, 1,000,000 by default).
 * At each size: the breakdown tallies are recounted for the loaded answers (the bulk load
 * bypasses the ingest that keeps them; the same recount as the data step of migration 0020),
 * then the work of `GET /api/official/items/:id/input` (tallies, breakdowns read from the
 * breakdown tallies, hidden count) timed directly, and for comparison, once, the same breakdowns
 * grouped over `current_answers` in SQL (before the tallies) and counted in the server from
 * every visible row (`visibleAnswers` + `breakdown`, linear). At the largest
 * size: `GET /api/official/items/:id/export?format=csv` from a real server process (production
 * settings) over HTTP, the response read and dropped, its time and the growth of the server
 * process's RSS (/proc, sampled every 20 ms) and the CPU time the server process and the reader
 * (this process) spent on it (the wall time on a shared machine moves with whatever else runs;
 * the CPU time much less), next to PostgreSQL's own `COPY (same rows, same order) TO STDOUT`
 * through psql.
 *
 *   npx tsx bench/officials-views.ts
 *   BENCH_VIEWS_SIZES=10000,100000 BENCH_VIEWS_TARGETS=postgres,embedded npx tsx bench/officials-views.ts
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { hashPassword } from '../src/server/auth/passwords'
import { queryRows, type Db } from '../src/server/db/client'
import { BREAKDOWN_DIMENSIONS } from '../src/server/repos/breakdown-counts'
import { recountBreakdowns } from '../src/server/repos/breakdown-recount'
import { answerBreakdowns, answerBreakdownsFromAnswers } from '../src/server/repos/breakdown-repo'
import { breakdown, hiddenCount, visibleAnswers } from '../src/server/repos/input-repo'
import { findManagedItemById } from '../src/server/repos/managed-item-repo'
import { insertOfficial } from '../src/server/repos/official-repo'
import { resultsOf } from '../src/server/repos/results-repo'
import { answersSql } from './lib/answers'
import { isMain, log, round, runAsScript, timingStats, withScope, type Scope } from './lib/common'
import { openDatabase, type Target } from './lib/db'
import { median } from './lib/percentiles'
import { factories, postgresCluster, serverProcess } from './lib/support'

const BENCH_PASSWORD = 'bench-password-0123456789'

export interface OfficialsViewsOptions {
  targets: Target[]
  sizes: number[]
  /** Timed runs of the overview per size (after one warm-up). */
  runs: number
  /** Exports of the largest size (each followed by COPY on PostgreSQL); medians are reported. */
  exportRuns: number
}

export interface BreakdownRun {
  answers: number
  /** The overview's work with breakdowns read from the breakdown tallies: median and max of the runs. */
  overviewMs: { p50: number; max: number }
  /** The breakdowns alone (read from the tallies), median of the runs. */
  breakdownsMs: number
  /** The same breakdowns grouped over current_answers in SQL, as before the tallies: one run. */
  groupedInSqlMs: number
  /** Recounting the item's breakdown tallies from its answers (what the data step does): one run. */
  recountMs: number
  /** The same breakdowns counted in the server from every visible row (linear): one run. */
  inServerMs: number | null
}

export interface ExportRun {
  answers: number
  rows: number
  bytes: number
  seconds: number
  /** The largest growth of the runs. */
  rssGrowthMb: number
  copySeconds: number | null
  /** Every run's figures: `seconds` and `copySeconds` above are their medians. */
  runs: { exportSeconds: number[]; copySeconds: number[]; rssGrowthMb: number[]; serverCpuSeconds: number[]; readerCpuSeconds: number[] }
}

export interface OfficialsViewsRun {
  target: Target
  breakdowns: BreakdownRun[]
  export: ExportRun | null
}

const AREAS = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Wijk aan Zee']
const AGE_BANDS = ['16-17', '18-23', '24-34', '35-49', '50-64', '65+']

async function loadUpTo(db: Db, itemId: string, from: number, to: number): Promise<void> {
  const deviceKey = sql.raw(`translate(rtrim(encode(sha256(convert_to('bench-device-' || lpad(g::text, 12, '0'), 'UTF8')), 'base64'), '='), '+/', '-_')`)
  const answeredAt = new Date(Date.now() - 3_600_000)
  await db.execute(sql`
    insert into current_answers (item_id, device_key, submission_id, answered_at, answers, age_band, area, hidden)
    select ${itemId}::uuid, ${deviceKey}, md5('bench-submission-' || g)::uuid, ${answeredAt}::timestamptz + (g % 3600) * interval '1 second', ${answersSql},
           case when g % 9 = 0 then null else (${sql.raw(`array['${AGE_BANDS.join("','")}']`)})[1 + g % ${AGE_BANDS.length}] end,
           case when g % 11 = 0 then null else (${sql.raw(`array['${AREAS.join("','")}']`)})[1 + g % ${AREAS.length}] end,
           g % 1000 = 0
      from generate_series(${from + 1}::int, ${to}::int) as g`)
  await db.execute(sql`vacuum analyze current_answers`)
}

function psqlBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1'], { encoding: 'utf8' })
  return found.stdout.trim().split('\n').filter(Boolean).pop() ?? null
}

/** The rows of the export, in its order, as they are stored: what COPY writes out. */
const COPY_SELECT = (itemId: string) =>
  `select submission_id, answered_at, age_band, area, answers from current_answers where item_id = '${itemId}' and not hidden order by answered_at, submission_id`

/** PostgreSQL's own CSV of the same rows in the same order, to /dev/null: the floor for an export. */
function copySeconds(url: string, itemId: string): number | null {
  const psql = psqlBinary()
  if (!psql) return null
  const query = `copy (${COPY_SELECT(itemId)}) to stdout with csv header`
  const start = performance.now()
  execFileSync(psql, [url, '-X', '-q', '-c', query], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 })
  return round((performance.now() - start) / 1000, 2)
}

/** The same COPY in the embedded database (PGlite writes it to its in-memory /dev/blob): its floor for an export. */
async function embeddedCopySeconds(scope: Scope, dataDir: string, itemId: string): Promise<number> {
  const database = await openDatabase(scope, { dataDir })
  try {
    const pglite = (database.db as unknown as { $client: { query(text: string): Promise<{ blob?: Blob }> } }).$client
    const start = performance.now()
    const result = await pglite.query(`copy (${COPY_SELECT(itemId)}) to '/dev/blob' with csv header`)
    if (!result.blob || result.blob.size === 0) throw new Error('PGlite COPY gave no data')
    return round((performance.now() - start) / 1000, 2)
  } finally {
    await database.close()
  }
}

/** CPU seconds a process has used so far, user and system (/proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

const cpuOf = (usage: NodeJS.CpuUsage) => round((usage.user + usage.system) / 1e6, 2)

/** Resident memory of a process (kB in /proc), in bytes. */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb ?? 0) * 1024
}

async function timeExport(serverPid: number, url: string, cookie: string): Promise<{ rows: number; bytes: number; seconds: number; rssGrowthMb: number; serverCpuSeconds: number; readerCpuSeconds: number }> {
  const baseline = rssOf(serverPid)
  const cpuBefore = cpuSecondsOf(serverPid)
  const readerCpu = process.cpuUsage()
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(serverPid))), 20)
  const start = performance.now()
  try {
    const res = await fetch(url, { headers: { cookie } })
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`)
    let bytes = 0
    let lines = 0
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
    }
    const seconds = round((performance.now() - start) / 1000, 2)
    return { rows: lines - 1, bytes, seconds, rssGrowthMb: round((peak - baseline) / 2 ** 20), serverCpuSeconds: round(cpuSecondsOf(serverPid) - cpuBefore, 2), readerCpuSeconds: cpuOf(process.cpuUsage(readerCpu)) }
  } finally {
    clearInterval(sampler)
  }
}

async function benchTarget(scope: Scope, target: Target, options: OfficialsViewsOptions): Promise<OfficialsViewsRun> {
  let where: { url?: string; dataDir?: string }
  if (target === 'postgres') {
    const { startPostgresCluster } = await postgresCluster()
    const cluster = await startPostgresCluster({ durable: true })
    scope.defer('stop PostgreSQL cluster', () => cluster.stop())
    where = { url: cluster.url }
  } else where = { dataDir: scope.tempDir('meepraat-bench-views-') }
  const database = await openDatabase(scope, where)
  const { givenMunicipality, givenItem } = await factories()
  await givenMunicipality(database.db)
  const now = new Date()
  const itemId = await givenItem(database.db, now, { title: 'Bench officials views' })
  const emptyItemId = await givenItem(database.db, now, { title: 'Bench warm-up' })
  const item = await findManagedItemById(database.db, itemId, now)
  if (!item) throw new Error('item not found')

  const breakdowns: BreakdownRun[] = []
  let loaded = 0
  for (const size of [...options.sizes].sort((a, b) => a - b)) {
    log(`${target}: loading up to ${size.toLocaleString('en')} answers`)
    await loadUpTo(database.db, itemId, loaded, size)
    loaded = size
    const recountStart = performance.now()
    await database.db.transaction((tx) => recountBreakdowns(tx, [itemId]))
    const recountMs = round(performance.now() - recountStart, 0)
    // The dimensions the route breaks a municipal item down by.
    const dimensions = ['ageBand', 'area', 'channel', 'partnerId'] as const
    const overview = () => Promise.all([resultsOf(database.db, item), answerBreakdowns(database.db, itemId, item.questions, dimensions), hiddenCount(database.db, itemId)])
    await overview()
    const samples: number[] = []
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now()
      await overview()
      samples.push(performance.now() - start)
    }
    const stats = timingStats(samples)
    const alone: number[] = []
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now()
      await answerBreakdowns(database.db, itemId, item.questions, dimensions)
      alone.push(performance.now() - start)
    }
    const breakdownsMs = round(timingStats(alone).p50, 0)
    const groupedStart = performance.now()
    const grouped = await answerBreakdownsFromAnswers(database.db, itemId, item.questions, BREAKDOWN_DIMENSIONS)
    const groupedInSqlMs = round(performance.now() - groupedStart, 0)
    const fromTallies = await answerBreakdowns(database.db, itemId, item.questions, BREAKDOWN_DIMENSIONS)
    if (JSON.stringify(grouped) !== JSON.stringify(fromTallies)) log(`${target}: WARNING: breakdowns from the tallies differ from the grouping over the answers`)
    let inServerMs: number | null = null
    // Only up to 100,000: beyond, it holds every row in the bench process at once.
    if (size <= 100_000) {
      const start = performance.now()
      const rows = await visibleAnswers(database.db, itemId)
      breakdown(item.questions, rows, (r) => r.ageBand)
      breakdown(item.questions, rows, (r) => r.area)
      inServerMs = round(performance.now() - start, 0)
    }
    breakdowns.push({ answers: size, overviewMs: { p50: round(stats.p50, 0), max: round(stats.max, 0) }, breakdownsMs, groupedInSqlMs, recountMs, inServerMs })
    log(`${target}: ${size.toLocaleString('en')} answers: overview p50 ${round(stats.p50, 0)} ms (max ${round(stats.max, 0)}), breakdowns alone p50 ${breakdownsMs} ms, grouped in SQL ${groupedInSqlMs} ms, counted in the server ${inServerMs ?? 'not run'} ms, tallies recounted in ${recountMs} ms`)
  }

  // The export runs in a real server process (production settings), so its memory is the server's alone.
  await insertOfficial(database.db, { email: 'bench@beverwijk.nl', passwordHash: await hashPassword(BENCH_PASSWORD), municipality: 'beverwijk', role: 'official', region: null })
  const { startServerProcess } = await serverProcess()
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the export's server process to DIR when it stops.
  const hook = new URL('./lib/cpu-profile-hook.mjs', import.meta.url).href
  const profile: Record<string, string> = process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--import ${hook}` } : {}
  // PGlite is single-process: the bench's own connection closes before the server opens the directory.
  if (!where.url) await database.close()
  const server = await startServerProcess({
    ...(where.url ? { DATABASE_URL: where.url, DATA_DIR: scope.tempDir('meepraat-bench-views-data-') } : { DATA_DIR: where.dataDir! }),
    DEMO: '0', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(48), DEVICE_KEY_SECRET: 'k'.repeat(48), SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'warn', STATIC_DIR: '/nonexistent',
    ...profile,
  })
  scope.defer('stop server process', () => server.stop().then(() => undefined))
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@beverwijk.nl', password: BENCH_PASSWORD }) })
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('meepraat_session='))?.split(';')[0]
  if (!cookie) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`)
  // Warm-up on an item without answers: the first request of a fresh process loads and compiles code.
  for (let i = 0; i < 3; i++) await timeExport(server.child.pid!, `${server.url}/api/official/items/${emptyItemId}/export?format=csv`, cookie)
  log(`${target}: exporting ${loaded.toLocaleString('en')} answers as CSV over HTTP, ${options.exportRuns} time(s)${where.url ? ', each followed by COPY' : ''}`)
  // Export and COPY take turns, so a busy spell on a shared machine hits both alike; medians are kept.
  const exports: Awaited<ReturnType<typeof timeExport>>[] = []
  const copies: number[] = []
  for (let i = 0; i < options.exportRuns; i++) {
    const exported = await timeExport(server.child.pid!, `${server.url}/api/official/items/${itemId}/export?format=csv`, cookie)
    exports.push(exported)
    const copy = where.url ? copySeconds(where.url, itemId) : null
    if (copy !== null) copies.push(copy)
    log(`${target}: export ${exported.seconds} s (server CPU ${exported.serverCpuSeconds} s, the reader's ${exported.readerCpuSeconds} s), RSS growth ${exported.rssGrowthMb} MB${copy !== null ? `; COPY ${copy} s` : ''}`)
  }
  const first = exports[0]!
  const exported = { rows: first.rows, bytes: first.bytes, seconds: median(exports.map((e) => e.seconds)), rssGrowthMb: Math.max(...exports.map((e) => e.rssGrowthMb)) }
  const runs = { exportSeconds: exports.map((e) => e.seconds), copySeconds: copies, rssGrowthMb: exports.map((e) => e.rssGrowthMb), serverCpuSeconds: exports.map((e) => e.serverCpuSeconds), readerCpuSeconds: exports.map((e) => e.readerCpuSeconds) }
  if (!where.url) {
    await server.stop()
    // PGlite's own COPY of the same rows, once the server has let go of the directory.
    for (let i = 0; i < options.exportRuns; i++) copies.push(await embeddedCopySeconds(scope, where.dataDir!, itemId))
    log(`${target}: PGlite COPY ${copies.join(', ')} s`)
  } else {
    const [visible] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from current_answers where item_id = ${itemId} and not hidden`)
    if (exported.rows !== visible?.n) log(`${target}: WARNING: export has ${exported.rows} rows, ${visible?.n} visible answers`)
  }
  // `runs.copySeconds` is `copies` itself, so it holds the embedded COPY runs too.
  return { target, breakdowns, export: { answers: loaded, ...exported, copySeconds: copies.length > 0 ? median(copies) : null, runs } }
}

export const defaultOfficialsViewsOptions: OfficialsViewsOptions = { targets: ['postgres'], sizes: [10_000, 100_000, 1_000_000], runs: 5, exportRuns: 3 }

export function officialsViewsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OfficialsViewsOptions {
  const d = defaultOfficialsViewsOptions
  return {
    targets: env.BENCH_VIEWS_TARGETS ? (env.BENCH_VIEWS_TARGETS.split(',') as Target[]) : d.targets,
    sizes: env.BENCH_VIEWS_SIZES ? env.BENCH_VIEWS_SIZES.split(',').map(Number) : d.sizes,
    runs: env.BENCH_VIEWS_RUNS ? Number(env.BENCH_VIEWS_RUNS) : d.runs,
    exportRuns: env.BENCH_VIEWS_EXPORT_RUNS ? Number(env.BENCH_VIEWS_EXPORT_RUNS) : d.exportRuns,
  }
}

export async function runOfficialsViews(options: OfficialsViewsOptions = defaultOfficialsViewsOptions): Promise<OfficialsViewsRun[]> {
  const runs: OfficialsViewsRun[] = []
  for (const target of options.targets) runs.push(await withScope((scope) => benchTarget(scope, target, options)))
  return runs
}

export function printOfficialsViews(runs: OfficialsViewsRun[]): string {
  const lines = [
    '| database | answers | input overview (breakdowns from the tallies) p50 / max | the breakdowns alone p50 | grouped over the answers in SQL | counted in the server from every row | recount of the tallies | goal |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const r of runs)
    for (const b of r.breakdowns)
      lines.push(
        `| ${r.target} | ${b.answers.toLocaleString('en')} | ${b.overviewMs.p50} / ${b.overviewMs.max} ms | ${b.breakdownsMs} ms | ${b.groupedInSqlMs} ms | ${b.inServerMs === null ? 'not run' : `${b.inServerMs} ms`} | ${b.recountMs} ms | < 500 ms at 1,000,000 |`,
      )
  lines.push('', '| database | answers | CSV export over HTTP (median; runs) | CPU per export: server; the reader (runs) | server RSS growth (max) | `COPY` of the same rows (median; runs) | export / COPY | goal |', '|---|---:|---:|---:|---:|---:|---:|---|')
  for (const r of runs) {
    const e = r.export
    if (!e) continue
    const ratio = e.copySeconds ? `${round(e.seconds / e.copySeconds, 2)}×` : 'n/a'
    const copy = e.copySeconds === null ? 'n/a' : `${e.copySeconds} s (${e.runs.copySeconds.join(', ')})`
    lines.push(`| ${r.target} | ${e.rows.toLocaleString('en')} rows, ${round(e.bytes / 2 ** 20)} MiB | ${e.seconds} s (${e.runs.exportSeconds.join(', ')}) | ${e.runs.serverCpuSeconds.join(', ')} s; ${e.runs.readerCpuSeconds.join(', ')} s | ${e.rssGrowthMb} MB (${e.runs.rssGrowthMb.join(', ')}) | ${copy} | ${ratio} | ≤ 2× COPY, < 100 MB |`)
  }
  return lines.join('\n')
}

if (isMain(import.meta.url)) {
  runAsScript(async () => console.log(printOfficialsViews(await runOfficialsViews(officialsViewsOptionsFromEnv()))))
}
