import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { icalText, parseICal } from '../../support/ical-parse'
import { signIn, type Session } from '../../support/officials'
import { aSignup, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string
/** Signed up in this order: the first two get a seat, the third waits. */
let people: ReturnType<typeof aSignup>[] = []
beforeAll(async () => {
  ;({ t, s, tableId } = await createTableTestApp({
    item: { title: 'Tafel hulp vinden' },
    assignment: {
      seats: 2,
      reserved: { clientOrExpert: 0, youth: 0 },
      meetings: [
        { startsAt: '2026-07-01T17:00:00.000Z', place: 'Gemeentehuis, zaal 2', online: false, accessibility: 'Rolstoeltoegankelijk, ringleiding' },
        { startsAt: '2026-07-15T17:00:00.000Z', online: true },
      ],
    },
  }))
})
afterAll(() => t.close())

describe('table meetings in the calendar from the selection e-mail', () => {
  it('the selection e-mail links to the meetings as an .ics file that parses as a valid iCalendar with every meeting', async () => {
    people = ['Ada', 'Bo', 'Cas'].map((name) => aSignup(tableId, { name }))
    for (const x of people) {
      await signUp(t.app, [x])
      t.clock.advance(1000)
    }
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    expect((await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })).json()).toMatchObject({ panel: 2, waitlist: 1 })

    const link = `http://meepraat.test/api/items/${tableId}/meetings.ics`
    const selected = t.mail.filter((m) => m.subject.includes('U zit aan tafel'))
    expect(selected).toHaveLength(2)
    for (const mail of selected) expect(mail.text).toContain(`Zet de bijeenkomsten in uw agenda: ${link}`)
    // Someone on the waiting list has no meetings to put in a calendar.
    expect(t.mail.find((m) => m.subject.includes('Uitslag loting'))?.text).not.toContain('meetings.ics')

    const res = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
    const calendar = parseICal(res.body)
    const events = calendar.components.filter((x) => x.name === 'VEVENT')
    expect(events.map((e) => icalText(e, 'DTSTART'))).toEqual(['20260701T170000Z', '20260715T170000Z'])
    expect(events.map((e) => icalText(e, 'LOCATION'))).toEqual(['Gemeentehuis, zaal 2', 'Online'])
    expect(icalText(events[0]!, 'DESCRIPTION')).toContain('Toegankelijkheid: Rolstoeltoegankelijk, ringleiding')
    expect(new Set(events.map((e) => icalText(e, 'UID'))).size).toBe(2)
  })

  it('a seat offered later comes with the same calendar link', async () => {
    const [first, , next] = people
    const res = await t.app.inject({ method: 'POST', url: `/api/me/signups/${first!.id}/withdraw`, headers: { authorization: deviceAuthorization(first!.deviceId) }, payload: {} })
    expect(res.statusCode, res.body).toBe(200)
    const offered = t.mail.filter((m) => m.subject.includes('Er is een plek vrij'))
    expect(offered.map((m) => m.to)).toEqual([next!.contact?.value])
    expect(offered[0]!.text).toContain(`Zet de bijeenkomsten in uw agenda: http://meepraat.test/api/items/${tableId}/meetings.ics`)
  })
})
