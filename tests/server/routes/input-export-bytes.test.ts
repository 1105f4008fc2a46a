import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'
import { csvFromPackedPages, referenceCsv, expectFixtureProperties, givenChoiceOnlyFixture, givenExportFixture, goldenCsv, storeGoldenIfAsked } from './input-export-fixture'

let t: TestApp
let s: Session

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
})
afterEach(async () => t.close())

describe('the CSV export on the embedded database', () => {
  it('streams the same bytes as before the speed rewrite: hidden rows out, redaction kept, formula cells quoted, multi-value answers and unicode as they were', async () => {
    const itemId = await givenExportFixture(t.app, s, t.clock.now)
    const res = await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: s.headers })
    expect(res.statusCode).toBe(200)
    expectFixtureProperties(res.body)
    const reference = await referenceCsv(t.db, itemId, t.clock.now)
    storeGoldenIfAsked(reference)
    expect(res.body).toBe(reference)
    expect(res.body).toBe(goldenCsv())
    // Page boundaries anywhere (one row, a few, all at once) change nothing.
    for (const pageRows of [1, 7, 1000]) expect(await csvFromPackedPages(t.db, itemId, t.clock.now, pageRows)).toBe(goldenCsv())
  }, 120_000)

  it('streams an item without free text, whose rows repeat but for id and time, as the row-object writer did', async () => {
    const itemId = await givenChoiceOnlyFixture(t.db, t.clock.now)
    const res = await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: s.headers })
    expect(res.statusCode).toBe(200)
    const reference = await referenceCsv(t.db, itemId, t.clock.now)
    expect(reference.split('\r\n').length).toBeGreaterThan(50)
    expect(res.body).toBe(reference)
  }, 120_000)
})
