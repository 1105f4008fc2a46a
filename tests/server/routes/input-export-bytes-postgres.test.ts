import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'
import * as scenario from './input-export-fixture'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let w: scenario.ExportWorld

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1)
  const app = shared.apps[0]!
  await givenMunicipality(app.database.db)
  await givenOfficial(app.database.db, 'beverwijk')
  w = { app, session: await signIn(app, 'official@beverwijk.nl'), now: shared.clock.now }
})
afterAll(async () => shared?.close())

describe('the CSV export on PostgreSQL', () => {
  it('streams the same bytes as before the speed rewrite: hidden rows out, redaction kept, formula cells quoted, multi-value answers and unicode as they were', () => scenario.streamsTheGoldenBytes(w), 120_000)
  it('streams an item without free text, whose rows repeat but for id and time, as the row-object writer did', () => scenario.streamsAChoiceOnlyItemAsTheRowObjectWriter(w), 120_000)
  it('streams a regional item, with its municipality column, as the row-object writer did', () => scenario.streamsARegionalItemAsTheRowObjectWriter(w), 120_000)
  it('streams an item with free text first, in the middle and last as the row-object writer did', () => scenario.streamsFreeTextBetweenOtherQuestionsAsTheRowObjectWriter(w), 120_000)
  it('writes answer times with 0 to 6 digits of fraction as the row-object writer did: milliseconds, cut off', () => scenario.writesAnswerTimesOfAnyPrecisionAsTheRowObjectWriter(w), 120_000)
  it('writes ISO times whatever DateStyle the session has', () => scenario.writesIsoTimesWhateverTheSessionsDateStyle(w), 120_000)
})
