import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParticipationReportSchema } from '../../../src/shared/schemas/participation-report'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { buildReportScenario, expectReportMatches } from '../../support/report-scenario'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp

beforeEach(async () => {
  t = await createTestApp({ start: new Date('2026-01-10T12:00:00Z') })
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
})
afterEach(async () => t.close())

describe('GET /api/official/reports/participation', () => {
  it('gives the figures of the previous calendar year, equal to counts made from the rows the test wrote', async () => {
    const scenario = await buildReportScenario(t.app, t.clock)
    const session = await signIn(t.app, 'a@beverwijk.nl')
    const byDefault = await t.app.inject({ method: 'GET', url: '/api/official/reports/participation', headers: session.headers })
    expect(byDefault.statusCode).toBe(200)
    expectReportMatches(ParticipationReportSchema.parse(byDefault.json()), scenario)
    const explicit = await t.app.inject({ method: 'GET', url: '/api/official/reports/participation?from=2026-01-01&to=2026-12-31', headers: session.headers })
    expect(explicit.json()).toEqual(byDefault.json())
  })

  it('suppresses reach groups under 5 and writes them as "<5" in the CSV', async () => {
    await buildReportScenario(t.app, t.clock)
    const council = await signIn(t.app, 'raad@beverwijk.nl')
    const report = ParticipationReportSchema.parse((await t.app.inject({ method: 'GET', url: '/api/official/reports/participation', headers: council.headers })).json())
    // 65+: three poll answers and five paper forms = 8; Noord: 3 (suppressed); phone: 2 (suppressed).
    expect(report.reach.byAgeBand.find((g) => g.group === '65+')?.answers).toBe(8)
    expect(report.reach.byArea.find((g) => g.group === 'Noord')?.answers).toBeNull()
    expect(report.reach.byChannel.find((g) => g.group === 'phone')?.answers).toBeNull()
    expect(report.reach.byChannel.find((g) => g.group === 'meeting')?.answers).toBe(0)

    const csv = await t.app.inject({ method: 'GET', url: '/api/official/reports/participation?format=csv', headers: council.headers })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toContain('meepraat-jaarverslag-beverwijk-2026-01-01-2026-12-31.csv')
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('section,name,value,detail')
    expect(lines).toContain('reach_area,Noord,<5,')
    expect(lines).toContain('reach_channel,phone,<5,')
    expect(lines).toContain('reach_age_band,65+,8,')
    expect(lines).toContain('signals,received,4,')
    expect(lines).toContain('feedback,median_days_to_first_feedback,24.5,')
  })

  it('counts only the own municipality: another municipality\'s official sees none of it', async () => {
    await buildReportScenario(t.app, t.clock)
    const other = await signIn(t.app, 'b@velsen.nl')
    const report = ParticipationReportSchema.parse((await t.app.inject({ method: 'GET', url: '/api/official/reports/participation', headers: other.headers })).json())
    expect(report.municipality).toBe('velsen')
    // Velsen has one poll in 2026 (no answers), one signal and one agenda topic.
    expect(report.itemsByKind).toEqual([{ kind: 'poll', items: 1 }, { kind: 'question', items: 0 }, { kind: 'table', items: 0 }])
    expect(report.signals.received).toBe(1)
    expect(report.advice.given).toBe(0)
    expect(report.agenda.map((e) => e.title)).toEqual(['Velsen'])
  })

  it('refuses a period that ends before it starts or a date that does not exist', async () => {
    const session = await signIn(t.app, 'a@beverwijk.nl')
    for (const query of ['from=2026-05-01&to=2026-04-01', 'from=2026-02-30', 'to=2026-13-01', 'from=2020-01-01&to=2026-12-31']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/official/reports/participation?${query}`, headers: session.headers })
      expect(res.statusCode, query).toBe(400)
    }
  })
})
