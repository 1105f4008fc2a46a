import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'
import { csvFromPackedPages, referenceCsv, expectFixtureProperties, givenChoiceOnlyFixture, givenExportFixture, goldenCsv, storeGoldenIfAsked } from './input-export-fixture'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let app: FastifyInstance
let session: Session

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  app = shared.apps[0]!
  await givenMunicipality(app.database.db)
  await givenOfficial(app.database.db, 'beverwijk')
  session = await signIn(app, 'official@beverwijk.nl')
})
afterAll(async () => shared?.close())

describe('the CSV export on PostgreSQL', () => {
  it('streams the same bytes as before the speed rewrite: hidden rows out, redaction kept, formula cells quoted, multi-value answers and unicode as they were', async () => {
    const itemId = await givenExportFixture(app, session, shared.clock.now)
    const res = await app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: session.headers })
    expect(res.statusCode).toBe(200)
    expectFixtureProperties(res.body)
    const reference = await referenceCsv(app.database.db, itemId, shared.clock.now)
    storeGoldenIfAsked(reference)
    expect(res.body).toBe(reference)
    expect(res.body).toBe(goldenCsv())
    // Page boundaries anywhere (one row, a few, all at once) change nothing.
    for (const pageRows of [1, 7, 1000]) expect(await csvFromPackedPages(app.database.db, itemId, shared.clock.now, pageRows)).toBe(goldenCsv())
  }, 120_000)

  it('streams an item without free text, whose rows repeat but for id and time, as the row-object writer did', async () => {
    const itemId = await givenChoiceOnlyFixture(app.database.db, shared.clock.now)
    const res = await app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: session.headers })
    expect(res.statusCode).toBe(200)
    const reference = await referenceCsv(app.database.db, itemId, shared.clock.now)
    expect(reference.split('\r\n').length).toBeGreaterThan(50)
    expect(res.body).toBe(reference)
  }, 120_000)
})
