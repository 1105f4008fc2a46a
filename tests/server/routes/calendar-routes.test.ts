import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { putAssignment } from '../../../src/server/repos/table-repo'
import { givenItem, givenMunicipality } from '../../support/factories'
import { anAssignment } from '../../support/tables'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://meepraat.beverwijk.nl' })
  await givenMunicipality(t.db)
})
afterAll(() => t.close())

describe('GET /api/items/:id/meetings.ics', () => {
  it('gives a published table’s meetings as an iCalendar file members can add to their calendar', async () => {
    const id = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], title: 'Tafel jongeren en werk' })
    const assignment = anAssignment(t.clock.now, {
      meetings: [
        { startsAt: '2026-07-01T17:00:00.000Z', place: 'Stadhuis, zaal 2', online: false, accessibility: 'Rolstoeltoegankelijk' },
        { startsAt: '2026-07-15T17:00:00.000Z', online: true },
      ],
    })
    await putAssignment(t.db, id, assignment)
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${id}/meetings.ics` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
    const ics = res.body.replace(/\r\n[ \t]/g, '')
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(ics).toContain('DTSTART:20260701T170000Z')
    expect(ics).toContain('DTEND:20260701T190000Z')
    expect(ics).toContain('LOCATION:Stadhuis\\, zaal 2')
    expect(ics).toContain('LOCATION:Online')
    expect(ics).toContain('Gemeente Beverwijk: bijeenkomst 1 van 2')
    expect(ics).toContain(`URL;VALUE=URI:https://meepraat.beverwijk.nl/items/${id}`)
  })

  it('answers 404 for an item that is not a table, and for a table that is not published', async () => {
    const poll = await givenItem(t.db, t.clock.now)
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${poll}/meetings.ics` })).statusCode).toBe(404)
    const draft = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], publishedAt: null })
    await putAssignment(t.db, draft, anAssignment(t.clock.now))
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${draft}/meetings.ics` })).statusCode).toBe(404)
  })
})
