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
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { BREAKDOWN_DIMENSIONS } from '../src/server/repos/breakdown-counts'
import { TALLY_SHARDS } from '../src/server/repos/result-counts'
import { ingestOptionsFromEnv, runIngest, type IngestRun } from './ingest'
import { isMain, log, round, runAsScript, withScope, type Scope } from './lib/common'
import { openDatabase } from './lib/db'
import { factories, postgresCluster } from './lib/support'

export interface PgbenchRun {
  script: 'raw insert' | 'Meepraat statements'
  tps: number
  latencyAvgMs: number
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

function runPgbench(scope: Scope, url: string, script: keyof typeof SCRIPTS, options: { connections: number; duration: number; warmup: number }): PgbenchRun {
  const dir = scope.tempDir('meepraat-pgbench-')
  const file = path.join(dir, 'script.sql')
  writeFileSync(file, SCRIPTS[script])
  const u = new URL(url)
  const args = ['-n', '-c', String(options.connections), '-j', '2', '-f', file, '-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', u.pathname.slice(1) || 'postgres']
  // Warm-up, unmeasured, as autocannon's warm-up for Meepraat.
  if (options.warmup > 0) execFileSync(pgbenchBinary(), [...args, '-T', String(options.warmup)], { stdio: 'pipe' })
  const out = execFileSync(pgbenchBinary(), [...args, '-T', String(options.duration)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN)
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN)
  return { script, tps: round(tps, 0), latencyAvgMs: round(latency, 2) }
}

export async function runIngestCeiling(): Promise<IngestCeilingOutcome> {
  const options = { ...ingestOptionsFromEnv(), targets: ['postgres' as const], batchSizes: [1], durable: true }
  const pgbench: PgbenchRun[] = []
  for (const script of Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[]) {
    pgbench.push(
      await withScope(async (scope) => {
        const url = await preparedCluster(scope)
        const run = runPgbench(scope, url, script, options)
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
  if (o.ratio !== undefined) lines.push('', `Meepraat reaches ${Math.round(o.ratio * 100)}% of the raw-insert ceiling measured in the same run (goal: at least 60%, p99 < 50 ms).`)
  return lines.join('\n')
}

if (isMain(import.meta.url)) {
  runAsScript(async () => console.log(printIngestCeiling(await runIngestCeiling())))
}
