/**
 * How close Meepraat's PostgreSQL ingest comes to what the database itself can do, in one run on
 * one machine: pgbench (the PostgreSQL client's own load tool) inserting rows shaped like a
 * submission receipt, one per transaction with `ON CONFLICT DO NOTHING` (the ceiling); pgbench
 * running by hand the statements Meepraat runs per submission (receipt, current answer, the
 * respondents and option tallies and their breakdown tallies, in one transaction); then Meepraat itself, batch 1 (`runIngest`).
 * The same connection count and duration for all three, each on a fresh durable cluster (fsync and
 * synchronous_commit on), with the same migrated schema.
 *
 *   npx tsx bench/ingest-ceiling.ts     (BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS as for ingest)
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { BREAKDOWN_DIMENSIONS } from '../src/server/repos/breakdown-counts'
import { TALLY_SHARDS } from '../src/server/repos/result-counts'
import { describeWal, ingestOptionsFromEnv, machineTicks, runIngest, ticksOfAll, type IngestRun } from './ingest'
import { isMain, log, round, runAsScript, withScope, type Scope } from './lib/common'
import { openDatabase } from './lib/db'
import { factories, postgresCluster } from './lib/support'
import { clusterPids, walDuring, type WalFigures } from './lib/wal-meter'

export interface PgbenchRun {
  script: 'raw insert' | 'Meepraat statements'
  tps: number
  latencyAvgMs: number
  /** WAL flushes, commits and bytes per second, from 1 s into the measured run to 1 s before its end. */
  wal: WalFigures
  /** CPU in cores over the measured run: the cluster's processes, and the rest of the machine (pgbench itself and anything else). */
  cpu: { postgres: number; rest: number }
}
export interface IngestCeilingOutcome {
  pgbench: PgbenchRun[]
  meepraat: IngestRun | undefined
  /** Meepraat batch-1 submissions/s as a share of the raw-insert ceiling. */
  ratio: number | undefined
}

function pgbenchBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1'], { encoding: 'utf8' })
  const binary = found.stdout.trim().split('\n').filter(Boolean).pop()
  if (!binary) throw new Error('pgbench not found: apt-get install -y postgresql')
  return binary
}

/** A migrated durable cluster with three open poll items (as the ingest benchmark spreads over three). */
async function preparedCluster(scope: Scope) {
  const { startPostgresCluster } = await postgresCluster()
  const cluster = await startPostgresCluster({ durable: true })
  scope.defer('stop cluster', () => cluster.stop())
  const database = await openDatabase(scope, { url: cluster.url })
  const { givenMunicipality, givenItem } = await factories()
  await givenMunicipality(database.db)
  const now = new Date()
  const ids = [await givenItem(database.db, now), await givenItem(database.db, now), await givenItem(database.db, now)]
  await database.db.execute(sql.raw(`create table bench_items (n int primary key, id uuid not null); insert into bench_items values ${ids.map((id, i) => `(${i + 1}, '${id}')`).join(', ')}`))
  await database.db.execute(sql`create table raw_receipts (like submission_receipts including all)`)
  await database.close()
  return cluster.url
}

const SCRIPTS = {
  'raw insert': `\\set i random(1, 3)
INSERT INTO raw_receipts (id, item_id, device_key, answered_at) VALUES (gen_random_uuid(), (SELECT id FROM bench_items WHERE n = :i), md5(random()::text), now()) ON CONFLICT DO NOTHING;
`,
  // Since the breakdown tallies: the respondents and the option per breakdown dimension too, and
  // each on a random one of the tally shards (Meepraat gives each concurrent group its own).
  'Meepraat statements': `\\set i random(1, 3)
\\set s random(0, ${TALLY_SHARDS - 1})
BEGIN;
INSERT INTO submission_receipts (id, item_id, device_key, answered_at) VALUES (gen_random_uuid(), (SELECT id FROM bench_items WHERE n = :i), md5(random()::text), now()) ON CONFLICT DO NOTHING;
INSERT INTO current_answers (item_id, device_key, submission_id, answered_at, device_answered_at, answers) VALUES ((SELECT id FROM bench_items WHERE n = :i), md5(random()::text), gen_random_uuid(), now(), now(), '{"q1":"ja"}') ON CONFLICT (item_id, device_key) DO UPDATE SET submission_id = excluded.submission_id, answered_at = excluded.answered_at, answers = excluded.answers, updated_at = now();
INSERT INTO result_counts (item_id, question_id, value_key, shard, count) VALUES ((SELECT id FROM bench_items WHERE n = :i), '', '', :s, 1), ((SELECT id FROM bench_items WHERE n = :i), 'q1', 'ja', :s, 1) ON CONFLICT (item_id, question_id, value_key, shard) DO UPDATE SET count = result_counts.count + excluded.count;
INSERT INTO breakdown_counts (item_id, dimension, group_key, question_id, value_key, shard, count) SELECT (SELECT id FROM bench_items WHERE n = :i), d, CASE WHEN d = 'channel' THEN 'app' ELSE '' END, k.q, k.v, :s, 1 FROM unnest(array[${BREAKDOWN_DIMENSIONS.map((d) => `'${d}'`).join(', ')}]) AS d, (VALUES ('', ''), ('q1', 'ja')) AS k(q, v) ON CONFLICT (item_id, dimension, group_key, question_id, value_key, shard) DO UPDATE SET count = breakdown_counts.count + excluded.count;
COMMIT;
`,
} as const

/**
 * CPU in cores from `fromMs` to `toMs` into a pgbench run: the cluster's processes alive at
 * `fromMs` (pgbench's backends start with it and live to its end) and the rest of the machine.
 */
async function cpuDuring(url: string, fromMs: number, toMs: number): Promise<{ postgres: number; rest: number }> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  await sleep(fromMs)
  const pids = await clusterPids(url)
  const pg0 = ticksOfAll(pids)
  const machine0 = machineTicks()
  const t0 = performance.now()
  await sleep(toMs - fromMs)
  const pg1 = ticksOfAll(pids)
  const machine1 = machineTicks()
  const seconds = (performance.now() - t0) / 1000
  // USER_HZ is 100 on every common kernel, as in the ingest CPU meter.
  const postgres = [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? t), 0) / 100 / seconds
  const busy = (machine1.busy - machine0.busy) / 100 / seconds
  return { postgres: round(postgres, 2), rest: round(Math.max(0, busy - postgres), 2) }
}

async function runPgbench(scope: Scope, url: string, script: keyof typeof SCRIPTS, options: { connections: number; duration: number; warmup: number }): Promise<PgbenchRun> {
  const dir = scope.tempDir('meepraat-pgbench-')
  const file = path.join(dir, 'script.sql')
  writeFileSync(file, SCRIPTS[script])
  const u = new URL(url)
  const args = ['-n', '-c', String(options.connections), '-j', '2', '-f', file, '-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', u.pathname.slice(1) || 'postgres']
  // Warm-up, unmeasured, as autocannon's warm-up for Meepraat.
  if (options.warmup > 0) execFileSync(pgbenchBinary(), [...args, '-T', String(options.warmup)], { stdio: 'pipe' })
  const wal = walDuring(url, 1000, (options.duration - 1) * 1000)
  const cpu = cpuDuring(url, 1000, (options.duration - 1) * 1000)
  const { stdout: out } = await promisify(execFile)(pgbenchBinary(), [...args, '-T', String(options.duration)], { encoding: 'utf8' })
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN)
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN)
  return { script, tps: round(tps, 0), latencyAvgMs: round(latency, 2), wal: await wal, cpu: await cpu }
}

export async function runIngestCeiling(): Promise<IngestCeilingOutcome> {
  const options = { ...ingestOptionsFromEnv(), targets: ['postgres' as const], batchSizes: [1], durable: true }
  const pgbench: PgbenchRun[] = []
  for (const script of Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[]) {
    pgbench.push(
      await withScope(async (scope) => {
        const url = await preparedCluster(scope)
        const run = await runPgbench(scope, url, script, options)
        log(`pgbench ${script}: ${run.tps} rows/s (tps), latency average ${run.latencyAvgMs} ms`)
        return run
      }),
    )
  }
  const ingest = await runIngest(options)
  const meepraat = ingest.runs[0]
  if (!meepraat) throw new Error(`Meepraat ingest did not run: ${ingest.failures.map((f) => f.error).join('; ')}`)
  const ceiling = pgbench[0]!.tps
  return { pgbench, meepraat, ratio: round(meepraat.submissionsPerS / ceiling, 3) }
}

export function printIngestCeiling(o: IngestCeilingOutcome): string {
  const lines = ['| PostgreSQL, batch 1, durable | rows or submissions/s | latency |', '|---|---|---|']
  for (const r of o.pgbench) lines.push(`| pgbench, ${r.script} | ${r.tps.toLocaleString('en')} | average ${r.latencyAvgMs} ms |`)
  if (o.meepraat) lines.push(`| Meepraat \`POST /api/submissions\` | ${o.meepraat.submissionsPerS.toLocaleString('en')} | p50 ${o.meepraat.latencyMs.p50} ms, p99 ${o.meepraat.latencyMs.p99} ms |`)
  lines.push('')
  for (const r of o.pgbench) lines.push(`pgbench, ${r.script}: ${describeWal(r.wal, r.tps, 'rows')}; CPU cores postgres ${r.cpu.postgres}, pgbench and the rest ${r.cpu.rest}`)
  if (o.meepraat?.wal) lines.push(`Meepraat: ${describeWal(o.meepraat.wal, o.meepraat.acceptedPerS, 'submissions')}`)
  if (o.meepraat) {
    const c = o.meepraat.cpu
    const states = Object.entries(o.meepraat.postgresActivity ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')
    lines.push(`Meepraat: CPU cores server ${c.server}, postgres ${c.postgres}, load generator ${c.loadGenerator}, other ${c.other} (of ${c.machineCores} busy); server connections per sample: ${states}`)
  }
  if (o.ratio !== undefined) lines.push('', `Meepraat reaches ${Math.round(o.ratio * 100)}% of the raw-insert ceiling measured in the same run (goal: at least 60%, p99 < 50 ms).`)
  return lines.join('\n')
}

if (isMain(import.meta.url)) {
  runAsScript(async () => console.log(printIngestCeiling(await runIngestCeiling())))
}
