import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ParticipationReportSchema } from '../../../src/shared/schemas/participation-report'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { buildReportScenario, expectReportMatches } from '../../support/report-scenario'
import { createSharedPostgresApps, type SharedPostgresApps } from '../../support/shared-postgres-apps'

const serverUrl = inject('postgresUrl')
let shared: SharedPostgresApps

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  shared = await createSharedPostgresApps(serverUrl, 1, new Date('2026-01-10T12:00:00Z'))
  const db = shared.apps[0]!.database.db
  await givenMunicipality(db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(db, 'velsen', 'Velsen')
  await givenOfficial(db, 'beverwijk', 'official', 'a@beverwijk.nl')
})
afterAll(async () => shared?.close())

describe('the participation report on PostgreSQL', () => {
  it('gives the figures of the previous calendar year, equal to counts made from the rows the test wrote', async () => {
    const app = shared.apps[0]!
    const scenario = await buildReportScenario(app, shared.clock)
    const session = await signIn(app, 'a@beverwijk.nl')
    const res = await app.inject({ method: 'GET', url: '/api/official/reports/participation', headers: session.headers })
    expect(res.statusCode).toBe(200)
    expectReportMatches(ParticipationReportSchema.parse(res.json()), scenario)
  })
})
