/**
 * `npm run bench`: ingest, scale-out, results query, bundle size, page speed, the ingest ceiling, officials' views, push latency and mail throughput in turn; prints one markdown summary
 * and writes bench/results/latest.json. Nothing here passes or fails on a figure: a benchmark
 * that cannot run is reported as an error, and the exit code only says whether all of them ran.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { kb, measureBundle, printBundle, type BundleReport } from './bundle-size'
import { ingestOptionsFromEnv, printIngest, runIngest, type IngestOutcome } from './ingest'
import { mailThroughputOptionsFromEnv, printMailThroughput, runMailThroughput } from './mail-throughput'
import { printPushLatency, pushLatencyOptionsFromEnv, runPushLatency } from './push-latency'
import { log, repoRoot, runAsScript } from './lib/common'
import { printIngestCeiling, runIngestCeiling } from './ingest-ceiling'
import { officialsViewsOptionsFromEnv, printOfficialsViews, runOfficialsViews } from './officials-views'
import { pageSpeedOptionsFromEnv, printPageSpeed, runPageSpeed } from './page-speed'
import { peerSpeedOptionsFromEnv, printPeerSpeed, runPeerSpeed } from './peer-speed'
import { printResultsQuery, resultsQueryOptionsFromEnv, runResultsQuery, type ResultsQueryOutcome } from './results-query'
import { printScaleOut, runScaleOutBench, scaleOutOptionsFromEnv, type ScaleOutOutcome } from './scale-out'

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string }

async function attempt<T>(name: string, fn: () => Promise<T> | T): Promise<Outcome<T>> {
  log(`=== ${name}`)
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`${name} failed: ${message}`)
    return { ok: false, error: message }
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head}+uncommitted` : head
  } catch {
    return 'unknown'
  }
}

/** The first two non-empty lines of an error, for a table cell. */
const brief = (error: string) => error.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ').replace(/\|/g, '/')

const TARGET = {
  ingestPostgres: 'PostgreSQL >= 5,000 submissions/s, p99 < 50 ms',
  ingestEmbedded: 'embedded >= 1,000 submissions/s',
  results: '< 50 ms',
  bundle: '<= 100 KB gzip',
  scaleOut: 'more processes: more throughput until the cores run out (no fixed target)',
  probe: 'cheap next to ingest (no fixed target)',
}

function summary(ingest: Outcome<IngestOutcome>, scale: Outcome<ScaleOutOutcome>, results: Outcome<ResultsQueryOutcome>, bundle: Outcome<BundleReport>): string {
  const lines = ['| benchmark | result | target | vs target |', '|---|---|---|---|']
  if (ingest.ok) {
    for (const r of ingest.value.runs) {
      const meets =
        r.target === 'postgres' ? r.submissionsPerS >= 5000 && r.latencyMs.p99 < 50 : r.submissionsPerS >= 1000
      const check = r.check.ok ? `receipts = accepted (${r.check.accepted})` : 'RECEIPTS DO NOT MATCH'
      lines.push(
        `| ingest ${r.target}, batch ${r.batchSize} | ${r.submissionsPerS.toLocaleString('en')} submissions/s (${r.requestsPerS} req/s), p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, ${check} | ${r.target === 'postgres' ? TARGET.ingestPostgres : TARGET.ingestEmbedded} | ${meets ? 'meets' : 'below'} |`,
      )
    }
    for (const f of ingest.value.failures) lines.push(`| ingest ${f.target} | error: ${brief(f.error)} | | |`)
  } else lines.push(`| ingest | error: ${brief(ingest.error)} | | |`)
  if (scale.ok) {
    for (const r of scale.value.runs) {
      const via = r.via === 'direct' ? '1 process, no balancer' : `${r.processes} process${r.processes > 1 ? 'es' : ''} behind HAProxy`
      const check = r.check.ok ? 'receipts = accepted' : 'RECEIPTS DO NOT MATCH'
      lines.push(
        `| scale-out PostgreSQL, ${via}, batch ${r.batchSize} | ${r.acceptedPerS.toLocaleString('en')} accepted submissions/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, ${check}; CPU servers ${r.cpu.servers} + postgres ${r.cpu.postgres} + haproxy ${r.cpu.haproxy} of ${scale.value.machineCores} cores | ${TARGET.scaleOut} | |`,
      )
    }
    for (const p of scale.value.probes) {
      lines.push(`| GET ${p.path}, one process | ${p.requestsPerS.toLocaleString('en')} req/s, p50 ${p.latencyMs.p50} ms, p99 ${p.latencyMs.p99} ms | ${TARGET.probe} | |`)
    }
  } else lines.push(`| scale-out | error: ${brief(scale.error)} | | |`)
  if (results.ok) {
    for (const r of results.value.runs) {
      const check = r.talliesMatch && r.respondentsMatch ? 'tallies checked' : 'TALLIES DO NOT MATCH'
      lines.push(
        `| results query ${r.target}, ${r.answers.toLocaleString('en')} answers | p50 ${r.timingMs.p50} ms, p99 ${r.timingMs.p99} ms, mean ${r.timingMs.mean} ms (${r.timingMs.runs} runs, ${check}) | ${TARGET.results} | ${r.timingMs.p99 < 50 ? 'meets' : 'below'} |`,
      )
    }
    for (const f of results.value.failures) lines.push(`| results query ${f.target} | error: ${brief(f.error)} | | |`)
  } else lines.push(`| results query | error: ${brief(results.error)} | | |`)
  if (bundle.ok) {
    const b = bundle.value
    lines.push(
      `| JS to open the app + answer a flash poll | ${kb(b.totalGzipBytes)} gzip (${b.files.length} files, ${kb(b.totalBytes)} raw) | ${TARGET.bundle} | ${b.totalGzipBytes <= 100 * 1024 ? 'meets' : 'above'} |`,
    )
  } else lines.push(`| bundle size | error: ${brief(bundle.error)} | | |`)
  return lines.join('\n')
}

runAsScript(async () => {
  const startedAt = new Date()
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit: gitCommit(),
  }
  const ingest = await attempt('ingest', () => runIngest(ingestOptionsFromEnv()))
  if (ingest.ok) printIngest(ingest.value)
  const scale = await attempt('scale-out', () => runScaleOutBench(scaleOutOptionsFromEnv()))
  if (scale.ok) printScaleOut(scale.value)
  const results = await attempt('results query', () => runResultsQuery(resultsQueryOptionsFromEnv()))
  if (results.ok) printResultsQuery(results.value)
  const bundle = await attempt('bundle size', () => measureBundle())
  if (bundle.ok) printBundle(bundle.value)

  const pageSpeed = await attempt('page speed (Lighthouse, throttled send)', () => runPageSpeed(pageSpeedOptionsFromEnv()))
  // The peers need their own install (`npm --prefix bench/peers ci`), so they run only when asked.
  const peers = process.env.BENCH_PEERS === '1' ? await attempt('peers (Enketo, ODK Web Forms, minimal page; Lighthouse)', () => runPeerSpeed(peerSpeedOptionsFromEnv())) : null
  const ceiling = await attempt('ingest ceiling (pgbench and Meepraat)', () => runIngestCeiling())
  const views = await attempt("officials' views (breakdowns, CSV export next to COPY)", () => runOfficialsViews(officialsViewsOptionsFromEnv()))
  const push = await attempt('push latency (publish feedback -> decrypted at the push stand-in)', () => runPushLatency(pushLatencyOptionsFromEnv()))
  const mail = await attempt('mail queue throughput (1 and 2 workers -> local SMTP)', () => runMailThroughput(mailThroughputOptionsFromEnv()))

  const table = summary(ingest, scale, results, bundle) + (pageSpeed.ok ? `\n\n${printPageSpeed(pageSpeed.value)}` : `\n\npage speed: error: ${brief(pageSpeed.error)}`) +
    (peers ? (peers.ok ? `\n\n${printPeerSpeed(peers.value)}` : `\n\npeers: error: ${brief(peers.error)}`) : '') +
    (ceiling.ok ? `\n\n${printIngestCeiling(ceiling.value)}` : `\n\ningest ceiling: error: ${brief(ceiling.error)}`) +
    (views.ok ? `\n\n${printOfficialsViews(views.value)}` : `\n\nofficials' views: error: ${brief(views.error)}`) +
    (push.ok ? `\n\n${printPushLatency(push.value)}` : `\n\npush latency: error: ${brief(push.error)}`) +
    (mail.ok ? `\n\n${printMailThroughput(mail.value)}` : `\n\nmail throughput: error: ${brief(mail.error)}`)
  console.log(`\n## Benchmark summary (${startedAt.toISOString()}, commit ${environment.commit})\n`)
  console.log(`${environment.cpus} CPU (${environment.cpuModel}), ${environment.memoryGiB} GiB, Node ${environment.node}, load average at start ${environment.loadAverageAtStart.join(' / ')}\n`)
  if (ingest.ok && ingest.value.runs.length > 0) {
    const other = Math.max(...ingest.value.runs.map((r) => r.cpu.other))
    console.log(`Other work on the machine during the ingest runs: up to ${other} cores (of ${environment.cpus}); figures are noisy when this is high.\n`)
  }
  console.log(table)

  const outDir = path.join(repoRoot, 'bench', 'results')
  mkdirSync(outDir, { recursive: true })
  const file = path.join(outDir, 'latest.json')
  const json = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), environment, ingest, scale, results, bundle, pageSpeed, peers, ceiling, views, push, mail, summary: table }
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`)
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`)
  const failed =
    !ingest.ok || !scale.ok || !results.ok || !bundle.ok || !pageSpeed.ok || (peers !== null && !peers.ok) || !ceiling.ok || !views.ok || !push.ok || !mail.ok ||
    push.value.failures.length > 0 || mail.value.failures.length > 0 || ingest.value.failures.length > 0 || results.value.failures.length > 0
  if (failed) process.exitCode = 1
})
