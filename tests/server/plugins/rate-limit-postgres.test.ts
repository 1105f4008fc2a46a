import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { checkJob } from '../../../src/server/jobs/scheduler'
import { appJobs, rateLimitCleanupJob } from '../../../src/server/jobs/app-jobs'
import { newDeviceId } from '../../support/factories'
import { problemShapeFault } from '../../support/problem-shape'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 2)
})
afterAll(async () => shared?.close())

/** The inbox route allows 120 requests a minute per address. */
const INBOX_LIMIT = 120

describe('rate limits with two processes on one PostgreSQL database', () => {
  it('count requests to both together: split over both, the combined limit answers 429 on each', async () => {
    const [a, b] = shared.apps as [NonNullable<(typeof shared.apps)[0]>, NonNullable<(typeof shared.apps)[1]>]
    const inbox = (app: typeof a) => app.inject({ method: 'GET', url: `/api/devices/${newDeviceId()}/inbox`, remoteAddress: '192.0.2.7' })
    for (let i = 0; i < INBOX_LIMIT; i++) {
      const res = await inbox(i % 2 === 0 ? a : b)
      expect(res.statusCode, `request ${i + 1}`).toBe(200)
    }
    for (const app of [a, b]) {
      const refused = await inbox(app)
      expect(refused.statusCode).toBe(429)
      expect(problemShapeFault(429, String(refused.headers['content-type']), refused.body)).toBeUndefined()
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    }
    // Another address has a limit of its own.
    expect((await a.inject({ method: 'GET', url: `/api/devices/${newDeviceId()}/inbox`, remoteAddress: '192.0.2.8' })).statusCode).toBe(200)
  })

  it('keeps one counter row per route and address, and the cleanup job removes ended windows', async () => {
    const db = shared.apps[0]!.database.db
    const rows = await queryRows<{ key: string; count: number }>(db, sql`select key, count from rate_limit_hits order by key`)
    expect(rows).toEqual([
      { key: 'GET /api/devices/:deviceId/inbox|192.0.2.7', count: INBOX_LIMIT + 2 },
      { key: 'GET /api/devices/:deviceId/inbox|192.0.2.8', count: 1 },
    ])
    await queryRows(db, sql`update rate_limit_hits set expires_at = now() - interval '1 second' where key like '%192.0.2.8'`)
    const app = shared.apps[1]!
    expect(await checkJob(appJobs(app).context, rateLimitCleanupJob(app))).toBe('succeeded')
    expect((await queryRows<{ key: string }>(db, sql`select key from rate_limit_hits`)).map((r) => r.key)).toEqual(['GET /api/devices/:deviceId/inbox|192.0.2.7'])
  })
})
