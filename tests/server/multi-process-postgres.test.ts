import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createDatabase, queryRows, type Database } from '../../src/server/db/client'
import { SubmissionBatchResultSchema } from '../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../support/factories'
import { startServerProcess, type ServerProcess } from '../support/server-process'
import { createPostgresTestDatabase } from '../support/test-database'

const serverUrl = inject('postgresUrl')

function migrationCount(): number {
  const journal = JSON.parse(readFileSync(new URL('../../src/server/db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}
let servers: ServerProcess[] = []
let database: Database
let drop: () => Promise<void>

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  drop = created.drop
  const env = { DATABASE_URL: created.url, DEMO: '0', STATIC_DIR: '/nonexistent', DEVICE_KEY_SECRET: 'multi-process-test-device-key-secret-0123' }
  // Started together, so both run their migrations at the same moment.
  servers = await Promise.all([startServerProcess(env), startServerProcess(env)])
  database = await createDatabase({ url: created.url })
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  await database?.close()
  await drop?.()
})

describe('two server processes on one PostgreSQL', () => {
  it('both start on a fresh database and apply the migrations once', async () => {
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
    expect(row?.n).toBe(migrationCount())
    for (const s of servers) expect((await fetch(`${s.url}/api/health`)).status).toBe(200)
  })

  it('store a submission posted 24 times in parallel to both exactly once', async () => {
    await givenMunicipality(database.db)
    const itemId = await givenItem(database.db, new Date())
    const s = aSubmission(itemId, { answeredAt: new Date().toISOString() })
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        fetch(`${servers[i % 2]!.url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ submissions: [s] }),
        }).then(async (r) => SubmissionBatchResultSchema.parse(await r.json()).results[0]?.status),
      ),
    )
    expect(responses.filter((x) => x === 'accepted')).toHaveLength(1)
    expect(responses.filter((x) => x === 'duplicate')).toHaveLength(23)
    const rows = await queryRows(database.db, sql`select (select count(*)::int from submission_receipts where id = ${s.id}) as receipts,
      (select count(*)::int from current_answers where item_id = ${itemId}) as answers,
      (select sum(count)::int from result_counts where item_id = ${itemId} and question_id = '' and value_key = '') as respondents`)
    expect(rows[0]).toEqual({ receipts: 1, answers: 1, respondents: 1 })
  })

  it('keep the tallies exact when both ingest overlapping batches of many devices at once', async () => {
    const itemId = await givenItem(database.db, new Date())
    const batch = Array.from({ length: 60 }, (_, i) => aSubmission(itemId, { answers: { q1: i % 3 === 0 ? 'nee' : 'ja' }, answeredAt: new Date().toISOString() }))
    const post = (url: string, submissions: typeof batch) =>
      fetch(`${url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ submissions }) })
    const results = await Promise.all([post(servers[0]!.url, batch), post(servers[1]!.url, [...batch].reverse()), post(servers[0]!.url, batch.slice(10, 40))])
    // On failure, say what the servers said: a 500 here is a fault worth its log line.
    for (const r of results) expect(r.status, `${await r.clone().text()}\n${servers.map((p) => p.output().slice(-4000)).join('\n')}`).toBe(200)
    const rows = await queryRows(database.db, sql`select value_key, sum(count)::int as count from result_counts where item_id = ${itemId} and question_id = 'q1' group by value_key order by value_key`)
    expect(rows).toEqual([
      { value_key: '', count: 60 },
      { value_key: 'ja', count: 40 },
      { value_key: 'nee', count: 20 },
    ])
  })
})
