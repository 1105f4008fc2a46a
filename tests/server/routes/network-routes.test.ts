import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { aSignup, anAssignment, confirmContacts, setAssignment, signUp } from '../../support/tables'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
let s: Session
let admin: Session
const DAY = 86_400_000

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  await givenOfficial(t.db, 'beverwijk', 'admin')
  s = await signIn(t.app, 'official@beverwijk.nl')
  admin = await signIn(t.app, 'admin@beverwijk.nl')
})
afterEach(async () => t.close())

/** A confirmed Benader mij member of Beverwijk. */
async function givenMember(o: { name: string; email: string; themes?: string[]; area?: string; language?: 'nl' | 'en' }): Promise<string> {
  const id = crypto.randomUUID()
  const before = t.mail.length
  const interest = { id, municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: o.themes ?? ['opgroeien'], name: o.name, contact: { channel: 'email', value: o.email }, ageBand: '24-64', consentVersion: CONSENT_VERSION, ...(o.area ? { area: o.area } : {}), ...(o.language ? { language: o.language } : {}) }
  const res = await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })
  expect(res.json().results[0].status, res.body).toBe('accepted')
  await confirmContacts(t.app, [id], before)
  return id
}

const invite = (itemId: string, body: Record<string, unknown> = { themes: ['opgroeien'] }) => t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/invite-network`, headers: s.headers, payload: body })
const invitations = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from network_invitations`))[0]!.n
const auditActions = async () => (await queryRows<{ action: string }>(t.db, sql`select action from audit_log where action like 'network.%' order by at`)).map((r) => r.action)

describe('POST /api/official/items/:id/invite-network', () => {
  it('invites matching members of any item once, by inbox and by e-mail in their own language with a one-click way out', async () => {
    const pollId = await givenItem(t.db, t.clock.now, { title: 'Hangplekken' })
    await givenMember({ name: 'Noor', email: 'noor@example.nl', area: 'Noord' })
    await givenMember({ name: 'Sam', email: 'sam@example.nl', language: 'en', area: 'Centrum' })
    await givenMember({ name: 'Jip', email: 'jip@example.nl', themes: ['rondkomen'] })
    const before = t.mail.length
    const res = await invite(pollId)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ invited: 2, emailed: 2, alreadyInvited: 0, alreadySignedUp: 0 })
    const mail = t.mail.slice(before)
    const dutch = mail.find((m) => m.to === 'noor@example.nl')!
    const english = mail.find((m) => m.to === 'sam@example.nl')!
    expect(dutch.subject).toBe('Beverwijk: Uitnodiging: Hangplekken')
    expect(dutch.text).toContain(`http://meepraat.test/i/${pollId}`)
    expect(dutch.text).toMatch(/Meld u af uit Benader mij met één klik: http:\/\/meepraat\.test\/benader-mij-afmelden#t=/)
    expect(english.subject).toBe('Beverwijk: Invitation: Hangplekken')
    expect(english.text).not.toMatch(/Beste|Doe mee|groet/)
    // The second invitation finds them invited already: nobody hears twice.
    expect((await invite(pollId)).json()).toEqual({ invited: 0, emailed: 0, alreadyInvited: 2, alreadySignedUp: 0 })
    expect(t.mail.length - before).toBe(2)
  })

  it('narrows by area when areas are given', async () => {
    const pollId = await givenItem(t.db, t.clock.now)
    await givenMember({ name: 'Noor', email: 'noor@example.nl', area: 'Noord' })
    await givenMember({ name: 'Sam', email: 'sam@example.nl', area: 'Centrum' })
    expect((await invite(pollId, { themes: ['opgroeien'], areas: ['Noord'] })).json()).toMatchObject({ invited: 1 })
  })

  it('refuses a closed item and writes nothing', async () => {
    const closed = await givenItem(t.db, t.clock.now, { opensAt: new Date(t.clock.now.getTime() - 10 * DAY), closesAt: new Date(t.clock.now.getTime() - DAY) })
    await givenMember({ name: 'Noor', email: 'noor@example.nl' })
    const before = t.mail.length
    const res = await invite(closed)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('item_not_open')
    expect(await invitations()).toBe(0)
    expect(t.mail.length).toBe(before)
  })

  it('refuses themes and areas outside the municipality’s vocabulary', async () => {
    const pollId = await givenItem(t.db, t.clock.now)
    expect((await invite(pollId, { themes: ['iets anders'] })).json().error.code).toBe('theme_not_in_vocabulary')
    expect((await invite(pollId, { themes: ['opgroeien'], areas: ['Elders'] })).json().error.code).toBe('theme_not_in_vocabulary')
  })

  it('skips a member who signed up for the table already', async () => {
    const tableId = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], closesAt: new Date(t.clock.now.getTime() + 5 * DAY) })
    await setAssignment(t.app, s, tableId, anAssignment(t.clock.now))
    await givenMember({ name: 'Noor', email: 'Noor@Example.nl' })
    await givenMember({ name: 'Sam', email: 'sam@example.nl' })
    expect(await signUp(t.app, [aSignup(tableId, { name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' } })])).toEqual([expect.objectContaining({ status: 'accepted' })])
    const before = t.mail.length
    expect((await invite(tableId)).json()).toEqual({ invited: 1, emailed: 1, alreadyInvited: 0, alreadySignedUp: 1 })
    expect(t.mail.slice(before).map((m) => m.to)).toEqual(['sam@example.nl'])
  })

  it('invites each member once per item when two officials invite at the same moment', async () => {
    const pollId = await givenItem(t.db, t.clock.now)
    await givenMember({ name: 'Noor', email: 'noor@example.nl' })
    await givenMember({ name: 'Sam', email: 'sam@example.nl' })
    const before = t.mail.length
    const results = await Promise.all([invite(pollId), invite(pollId)])
    expect(results.map((r) => r.statusCode)).toEqual([200, 200])
    expect(results.reduce((sum, r) => sum + (r.json() as { invited: number }).invited, 0)).toBe(2)
    expect(await invitations()).toBe(2)
    expect(t.mail.length - before).toBe(2)
    expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from device_messages where kind = 'invited'`))[0]!.n).toBe(2)
  })
})

describe('the Benader mij contact list', () => {
  it('shows admins the members who consented, and audits every view', async () => {
    await givenMember({ name: 'Noor', email: 'noor@example.nl', area: 'Noord' })
    const res = await t.app.inject({ method: 'GET', url: '/api/official/network', headers: admin.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual([expect.objectContaining({ name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, themes: ['opgroeien'], area: 'Noord' })])
    expect(await auditActions()).toEqual(['network.members.read'])
  })

  it('exports the list as CSV and audits the export', async () => {
    await givenMember({ name: 'Noor', email: 'noor@example.nl' })
    await givenMember({ name: '=HYPERLINK()', email: 'x@example.nl' })
    const res = await t.app.inject({ method: 'GET', url: '/api/official/network/export', headers: admin.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="benader-mij-beverwijk-/)
    const lines = res.body.split('\r\n')
    expect(lines[0]).toBe('\uFEFFnaam,kanaal,contact,themas,wijk,leeftijd,toestemming_versie,toestemming_op')
    expect(lines.some((l) => l.startsWith('Noor,email,noor@example.nl,opgroeien'))).toBe(true)
    // A name that looks like a formula is never run by a spreadsheet.
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK()"`))).toBe(true)
    expect(await auditActions()).toEqual(['network.export'])
  })
})

describe('POST /api/network/opt-out', () => {
  it('takes a member out of Benader mij with the link from an invitation, and deletes their contact details', async () => {
    const pollId = await givenItem(t.db, t.clock.now)
    const id = await givenMember({ name: 'Noor', email: 'noor@example.nl' })
    const before = t.mail.length
    await invite(pollId)
    const token = /benader-mij-afmelden#t=([A-Za-z0-9_-]+)/.exec(t.mail.slice(before)[0]!.text)![1]
    const res = await t.app.inject({ method: 'POST', url: '/api/network/opt-out', payload: { token } })
    expect(res.statusCode, res.body).toBe(200)
    expect((await queryRows<{ status: string }>(t.db, sql`select status from interests where id = ${id}`))[0]!.status).toBe('withdrawn')
    expect(await queryRows(t.db, sql`select 1 from contacts where owner_id = ${id}`)).toEqual([])
    expect((await t.app.inject({ method: 'POST', url: '/api/network/opt-out', payload: { token } })).json().error.code).toBe('network_link_invalid')
  })
})
