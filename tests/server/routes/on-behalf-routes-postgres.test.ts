import { afterAll, beforeAll, describe, inject } from 'vitest'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { onBehalfCases } from '../../support/on-behalf-cases'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps
let officials: Session[]
let otherOfficial: Session

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  // Two server processes on one database: replays of a batch reach both.
  shared = await createSharedPostgresApps(serverUrl, 2)
  const db = shared.apps[0]!.database.db
  await givenMunicipality(db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(db, 'velsen', 'Velsen')
  await givenOfficial(db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(db, 'velsen', 'official', 'b@velsen.nl')
  officials = [await signIn(shared.apps[0]!, 'a@beverwijk.nl'), await signIn(shared.apps[1]!, 'a@beverwijk.nl')]
  otherOfficial = await signIn(shared.apps[0]!, 'b@velsen.nl')
})
afterAll(async () => shared?.close())

describe('answers entered on behalf of residents who are not online (PostgreSQL, two processes)', () => {
  onBehalfCases(() => ({ apps: shared.apps, now: () => shared.clock.now, officials, otherOfficial }))
})
