import { afterEach, beforeEach, describe } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { onBehalfCases } from '../../support/on-behalf-cases'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
let official: Session
let otherOfficial: Session

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
  official = await signIn(t.app, 'a@beverwijk.nl')
  otherOfficial = await signIn(t.app, 'b@velsen.nl')
})
afterEach(async () => t.close())

describe('answers entered on behalf of residents who are not online (PGlite)', () => {
  onBehalfCases(() => ({ apps: [t.app], now: () => t.clock.now, officials: [official], otherOfficial }))
})
