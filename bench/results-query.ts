/**
 * Time of `GET /api/items/:id/results` for an item with a large number of stored answers.
 * The answers are bulk-loaded with SQL (generate_series) into submission_receipts and
 * current_answers, with the result_counts tallies computed by the app's own `countKeys` over
 * the same answers, and checked once against a GROUP BY over current_answers. The endpoint is
 * then timed through `app.inject()` on `buildApp` (no network in between).
 *
 *   npx tsx bench/results-query.ts
 *   BENCH_TARGETS=postgres BENCH_RESULTS_ROWS=100000 npx tsx bench/results-query.ts
 */
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/server/app'
import { queryRows, type Db } from '../src/server/db/client'
import type { Notifier } from '../src/server/notify/notifier'
import { countKeys, RESPONDENTS_KEY } from '../src/server/repos/result-counts'
import type { Results } from '../src/shared/schemas/results'
import { answersFor, answersSql } from './lib/answers'
import { isMain, log, round, runAsScript, timingStats, withScope, type Scope, type TimingStats } from './lib/common'
import { openDatabase, type Target } from './lib/db'
import { factories, postgresCluster } from './lib/support'

export interface ResultsQueryOptions {
  targets: Target[]
  /** Answers loaded per target. */
  rows: Record<Target, number>
  warmup: number
  runs: number
}

export interface ResultsQueryRun {
  target: Target
  answers: number
  loadSeconds: number
  tallyRows: number
  /** Tallies from countKeys equal a GROUP BY over current_answers. */
  talliesMatch: boolean
  /** The endpoint reports every loaded answer as a respondent. */
  respondentsMatch: boolean
  timingMs: TimingStats
}

export const defaultResultsQueryOptions: ResultsQueryOptions = {
  targets: ['postgres', 'embedded'],
  rows: { postgres: 1_000_000, embedded: 1_000_000 },
  warmup: 50,
  runs: 200,
}

/** Tallies exactly as ingestSubmissions would have built them for devices 1..n. */
function expectedTallies(questions: Parameters<typeof countKeys>[0], n: number): Map<string, number> {
  const tallies = new Map<string, number>([[`${RESPONDENTS_KEY.questionId}\u0000${RESPONDENTS_KEY.valueKey}`, n]])
  for (let g = 1; g <= n; g++) {
    for (const k of countKeys(questions, answersFor(g))) {
      const key = `${k.questionId}\u0000${k.valueKey}`
      tallies.set(key, (tallies.get(key) ?? 0) + 1)
    }
  }
  return tallies
}

/** The tallies recomputed from current_answers, by question type, the way countKeys reads them. */
async function talliesFromAnswers(db: Db, itemId: string): Promise<Map<string, number>> {
  const found = await queryRows<{ question_id: string; value_key: string; n: string | number }>(
    db,
    sql`
      select '' as question_id, '' as value_key, count(*) as n from current_answers where item_id = ${itemId}
      union all
      select q.question->>'id', v.value_key, count(*)
        from current_answers ca
        join items i on i.id = ca.item_id
        cross join lateral jsonb_array_elements(i.questions) as q(question)
        cross join lateral (select ca.answers -> (q.question->>'id') as answer) a
        cross join lateral (
          select '' as value_key
          union all
          select a.answer #>> '{}' where q.question->>'type' in ('single', 'scale') and jsonb_typeof(a.answer) in ('string', 'number')
          union all
          select e from jsonb_array_elements_text(case when q.question->>'type' = 'multiple' and jsonb_typeof(a.answer) = 'array' then a.answer else '[]'::jsonb end) as e
        ) v
       where ca.item_id = ${itemId} and a.answer is not null
       group by 1, 2`,
  )
  return new Map(found.map((r) => [`${r.question_id}\u0000${r.value_key}`, Number(r.n)]))
}

function sameTallies(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v)
}

async function load(db: Db, itemId: string, n: number, questions: Parameters<typeof countKeys>[0]): Promise<{ tallyRows: number; talliesMatch: boolean }> {
  const answeredAt = new Date(Date.now() - 60 * 60 * 1000)
  // A stand-in device key per device, in the stored form (43 base64url characters); the
  // benchmark reads tallies and never looks a device up by it.
  const deviceKey = sql.raw(
    `translate(rtrim(encode(sha256(convert_to('bench-device-' || lpad(g::text, 12, '0'), 'UTF8')), 'base64'), '='), '+/', '-_')`,
  )
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into current_answers (item_id, device_key, submission_id, answered_at, answers)
      select ${itemId}::uuid, ${deviceKey}, md5('bench-submission-' || g)::uuid, ${answeredAt}, ${answersSql}
        from generate_series(1, ${n}::int) as g`)
    await tx.execute(sql`
      insert into submission_receipts (id, item_id, device_key, answered_at, received_at)
      select submission_id, item_id, device_key, answered_at, ${answeredAt} from current_answers where item_id = ${itemId}`)
    const tallies = expectedTallies(questions, n)
    const values = [...tallies].map(([key, count]) => {
      const [questionId, valueKey] = key.split('\u0000') as [string, string]
      return sql`(${itemId}::uuid, ${questionId}, ${valueKey}, ${count})`
    })
    await tx.execute(sql`insert into result_counts (item_id, question_id, value_key, count) values ${sql.join(values, sql`, `)}`)
  })
  await db.execute(sql`vacuum analyze`)
  const expected = expectedTallies(questions, n)
  return { tallyRows: expected.size, talliesMatch: sameTallies(expected, await talliesFromAnswers(db, itemId)) }
}

async function benchTarget(scope: Scope, target: Target, options: ResultsQueryOptions): Promise<ResultsQueryRun> {
  const n = options.rows[target]
  let where: { url?: string; dataDir?: string }
  if (target === 'postgres') {
    const { startPostgresCluster } = await postgresCluster()
    log('postgres: starting a durable throwaway cluster')
    const cluster = await startPostgresCluster({ durable: true })
    scope.defer('stop PostgreSQL cluster', () => cluster.stop())
    where = { url: cluster.url }
  } else {
    where = { dataDir: scope.tempDir('meepraat-bench-results-') }
  }
  const database = await openDatabase(scope, where)
  const { givenMunicipality, givenItem, pollQuestions } = await factories()
  await givenMunicipality(database.db)
  const itemId = await givenItem(database.db, new Date(), { title: 'Bench results' })

  log(`${target}: loading ${n.toLocaleString('en')} answers`)
  const t0 = performance.now()
  const loaded = await load(database.db, itemId, n, pollQuestions)
  const loadSeconds = round((performance.now() - t0) / 1000)
  log(`${target}: loaded and checked in ${loadSeconds} s; tallies ${loaded.talliesMatch ? 'match' : 'DO NOT match'} the GROUP BY`)

  const notifier: Notifier = { send: async () => undefined, close: async () => undefined }
  const app = await buildApp({ database, ownsDatabase: false, notifier })
  scope.defer('close app', () => app.close())
  const request = { method: 'GET' as const, url: `/api/items/${itemId}/results` }
  const first = await app.inject(request)
  if (first.statusCode !== 200) throw new Error(`results answered ${first.statusCode}: ${first.body}`)
  const respondentsMatch = (first.json() as Results).respondents === n
  for (let i = 0; i < options.warmup; i++) await app.inject(request)
  const samples: number[] = []
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now()
    const response = await app.inject(request)
    samples.push(performance.now() - start)
    if (response.statusCode !== 200) throw new Error(`results answered ${response.statusCode}`)
  }
  const stats = timingStats(samples)
  const timingMs = { ...stats, p50: round(stats.p50, 2), p99: round(stats.p99, 2), mean: round(stats.mean, 2), min: round(stats.min, 2), max: round(stats.max, 2) }
  log(`${target}: ${options.runs} runs: p50 ${timingMs.p50} ms, p99 ${timingMs.p99} ms, mean ${timingMs.mean} ms`)
  return { target, answers: n, loadSeconds, tallyRows: loaded.tallyRows, talliesMatch: loaded.talliesMatch, respondentsMatch, timingMs }
}

export interface ResultsQueryOutcome {
  runs: ResultsQueryRun[]
  /** Targets that could not be measured (one failing never stops the other). */
  failures: { target: Target; error: string }[]
}

export async function runResultsQuery(options: ResultsQueryOptions = defaultResultsQueryOptions): Promise<ResultsQueryOutcome> {
  const outcome: ResultsQueryOutcome = { runs: [], failures: [] }
  for (const target of options.targets) {
    try {
      outcome.runs.push(await withScope((scope) => benchTarget(scope, target, options)))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      console.error(`results query on ${target} failed: ${message}`)
      outcome.failures.push({ target, error: message })
    }
  }
  return outcome
}

export function resultsQueryOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ResultsQueryOptions {
  const d = defaultResultsQueryOptions
  const both = env.BENCH_RESULTS_ROWS ? Number(env.BENCH_RESULTS_ROWS) : undefined
  return {
    targets: env.BENCH_TARGETS ? (env.BENCH_TARGETS.split(',') as Target[]) : d.targets,
    rows: {
      postgres: both ?? d.rows.postgres,
      embedded: env.BENCH_RESULTS_ROWS_EMBEDDED ? Number(env.BENCH_RESULTS_ROWS_EMBEDDED) : (both ?? d.rows.embedded),
    },
    warmup: d.warmup,
    runs: env.BENCH_RESULTS_RUNS ? Number(env.BENCH_RESULTS_RUNS) : d.runs,
  }
}

export function printResultsQuery({ runs, failures }: ResultsQueryOutcome): void {
  console.log('\n| database | answers | load s | tallies check | p50 ms | p99 ms | mean ms | runs |')
  console.log('|---|---:|---:|---|---:|---:|---:|---:|')
  for (const r of runs) {
    const check = r.talliesMatch && r.respondentsMatch ? 'ok' : `MISMATCH (tallies ${r.talliesMatch}, respondents ${r.respondentsMatch})`
    console.log(`| ${r.target} | ${r.answers.toLocaleString('en')} | ${r.loadSeconds} | ${check} | ${r.timingMs.p50} | ${r.timingMs.p99} | ${r.timingMs.mean} | ${r.timingMs.runs} |`)
  }
  for (const f of failures) console.log(`${f.target}: FAILED: ${f.error.split('\n')[0]}`)
}

if (isMain(import.meta.url)) {
  runAsScript(async () => {
    const outcome = await runResultsQuery(resultsQueryOptionsFromEnv())
    printResultsQuery(outcome)
    if (outcome.failures.length > 0) process.exitCode = 1
  })
}
