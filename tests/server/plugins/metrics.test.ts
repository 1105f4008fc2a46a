import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { SubmissionBatchResultSchema } from '../../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { problemShapeFault } from '../../support/problem-shape'
import { createTestApp, type TestApp } from '../../support/test-app'
import { createTestDatabase } from '../../support/test-database'

/** The value of one sample in Prometheus text format, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

let t: TestApp
let itemId: string
beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  itemId = await givenItem(t.db, t.clock.now)
})
afterEach(async () => t.close())

const metricsText = () => t.app.metrics.registry.metrics()

describe('metrics plugin', () => {
  it('counts requests per route pattern, method and status class, never per raw URL', async () => {
    const other = await givenItem(t.db, t.clock.now)
    for (const id of [itemId, other, itemId]) expect((await t.app.inject({ method: 'GET', url: `/api/items/${id}` })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/items/00000000-0000-4000-8000-00000000dead' })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: '/api/no-such-thing/123' })).statusCode).toBe(404)
    const text = await metricsText()
    expect(sample(text, 'meepraat_http_requests_total{route="/api/items/:id",method="GET",status_class="2xx"}')).toBe(3)
    expect(sample(text, 'meepraat_http_requests_total{route="/api/items/:id",method="GET",status_class="4xx"}')).toBe(1)
    expect(sample(text, 'meepraat_http_requests_total{route="unmatched",method="GET",status_class="4xx"}')).toBe(1)
    expect(sample(text, 'meepraat_http_request_duration_seconds_count{route="/api/items/:id",method="GET",status_class="2xx"}')).toBe(3)
    for (const id of [itemId, other, 'no-such-thing', 'dead']) expect(text).not.toContain(id)
  })

  it('counts submission results per status and reject reason, batch sizes and group-commit waits', async () => {
    const first = aSubmission(itemId, { answeredAt: t.clock.now.toISOString() })
    const second = aSubmission(itemId, { answeredAt: t.clock.now.toISOString() })
    const unknownItem = aSubmission('00000000-0000-4000-8000-00000000beef', { answeredAt: t.clock.now.toISOString() })
    const post = async (submissions: unknown[]) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions } })
      expect(res.statusCode, res.body).toBe(200)
      return SubmissionBatchResultSchema.parse(res.json()).results.map((r) => r.status)
    }
    expect(await post([first, second, unknownItem])).toEqual(['accepted', 'accepted', 'rejected'])
    expect(await post([first])).toEqual(['duplicate'])
    const text = await metricsText()
    expect(sample(text, 'meepraat_submission_results_total{status="accepted"}')).toBe(2)
    expect(sample(text, 'meepraat_submission_results_total{status="duplicate"}')).toBe(1)
    expect(sample(text, 'meepraat_submission_results_total{status="rejected",reason="item_unknown"}')).toBe(1)
    expect(sample(text, 'meepraat_ingest_batch_submissions_count')).toBe(2)
    expect(sample(text, 'meepraat_ingest_batch_submissions_sum')).toBe(4)
    expect(sample(text, 'meepraat_ingest_group_wait_seconds_count')).toBe(2)
    expect(sample(text, 'meepraat_ingest_group_submissions_sum')).toBe(4)
    expect(sample(text, 'meepraat_ingest_isolated_retries_total')).toBe(0)
    expect(sample(text, 'meepraat_http_requests_total{route="/api/submissions",method="POST",status_class="2xx"}')).toBe(2)
  })

  it('counts mail handed to the notifier and reports the database kind with its pool', async () => {
    await t.app.notifier.send({ to: 'iemand@example.nl', subject: 'Test', text: 'Hallo' })
    const text = await metricsText()
    expect(sample(text, 'meepraat_mail_sent_total')).toBe(1)
    expect(sample(text, 'meepraat_mail_failed_total')).toBe(0)
    expect(text).not.toContain('iemand@example.nl')
    const kind = t.app.database.kind
    expect(sample(text, `meepraat_database_info{kind="${kind}"}`)).toBe(1)
    if (kind === 'postgres') {
      // tests/support/test-database.ts opens its pools with 20 connections.
      expect(sample(text, 'meepraat_db_pool_max_connections')).toBe(20)
      expect(sample(text, 'meepraat_db_pool_connections')).toBeGreaterThanOrEqual(1)
      expect(sample(text, 'meepraat_db_pool_waiting_clients')).toBe(0)
    } else {
      expect(text).not.toContain('meepraat_db_pool_')
    }
  })

  it('keeps one registry per app, so two apps in one process count apart', async () => {
    const second = await createTestApp()
    try {
      await second.app.inject({ method: 'GET', url: '/api/health' })
      await second.app.inject({ method: 'GET', url: '/api/health' })
      await t.app.inject({ method: 'GET', url: '/api/health' })
      const series = 'meepraat_http_requests_total{route="/api/health",method="GET",status_class="2xx"}'
      expect(sample(await second.app.metrics.registry.metrics(), series)).toBe(2)
      expect(sample(await metricsText(), series)).toBe(1)
    } finally {
      await second.close()
    }
  })
})

describe('GET /metrics on the app port', () => {
  let root: string
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('answers 404 in the problem shape, not the app page, also when the PWA is served', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'meepraat-metrics-'))
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Meepraat</title>')
    const testDb = await createTestDatabase()
    const app = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier(), staticDir: root })
    try {
      // A deep link still gets the app page: only the operations path is kept out.
      expect((await app.inject({ method: 'GET', url: '/g/beverwijk' })).statusCode).toBe(200)
      for (const url of ['/metrics', '/metrics/', '/metrics?x=1']) {
        const res = await app.inject({ method: 'GET', url })
        expect(res.statusCode, url).toBe(404)
        expect(problemShapeFault(404, String(res.headers['content-type']), res.body), url).toBeUndefined()
        expect(res.json().error.code).toBe('not_found')
      }
    } finally {
      await app.close()
      await testDb.dispose()
    }
  })
})
