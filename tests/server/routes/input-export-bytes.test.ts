import { afterEach, beforeEach, describe, it } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'
import * as scenario from './input-export-fixture'

let t: TestApp
let w: scenario.ExportWorld

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  w = { app: t.app, session: await signIn(t.app, 'official@beverwijk.nl'), now: t.clock.now }
})
afterEach(async () => t.close())

describe('the CSV export on the embedded database', () => {
  it('streams the same bytes as before the speed rewrite: hidden rows out, redaction kept, formula cells quoted, multi-value answers and unicode as they were', () => scenario.streamsTheGoldenBytes(w), 120_000)
  it('streams an item without free text, whose rows repeat but for id and time, as the row-object writer did', () => scenario.streamsAChoiceOnlyItemAsTheRowObjectWriter(w), 120_000)
  it('streams a regional item, with its municipality column, as the row-object writer did', () => scenario.streamsARegionalItemAsTheRowObjectWriter(w), 120_000)
  it('streams an item with free text first, in the middle and last as the row-object writer did', () => scenario.streamsFreeTextBetweenOtherQuestionsAsTheRowObjectWriter(w), 120_000)
  it('writes answer times with 0 to 6 digits of fraction as the row-object writer did: milliseconds, cut off', () => scenario.writesAnswerTimesOfAnyPrecisionAsTheRowObjectWriter(w), 120_000)
  it('writes ISO times whatever DateStyle the session has', () => scenario.writesIsoTimesWhateverTheSessionsDateStyle(w), 120_000)
})
