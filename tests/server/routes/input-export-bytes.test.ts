import { writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'
import { expectFixtureProperties, givenExportFixture, goldenCsv } from './input-export-fixture'

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
    if (process.env.WRITE_EXPORT_GOLDEN) writeFileSync(new URL('./input-export.golden.csv', import.meta.url), res.body)
    expectFixtureProperties(res.body)
    expect(res.body).toBe(goldenCsv())
  })
})
