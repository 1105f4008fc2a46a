import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { InboxSchema } from '../../../src/shared/schemas/inbox'
import { ItemSchema } from '../../../src/shared/schemas/item'
import { MySignupSchema } from '../../../src/shared/schemas/table'
import type { TestApp } from '../../support/test-app'
import { givenItem } from '../../support/factories'
import { signIn, type Session } from '../../support/officials'
import { anAssignment, aSignup, createTableTestApp, setAssignment, signUp } from '../../support/tables'

const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ item: { title: 'Tafel hulp vinden', theme: 'meedoen' } }))
})
afterEach(async () => t.close())

const mySignups = async (deviceId: string) => MySignupSchema.array().parse((await t.app.inject({ method: 'GET', url: `/api/devices/${deviceId}/signups` })).json())
const contactCount = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from contacts`))[0]?.n

describe('table assignment', () => {
  it('shows residents the assignment with seats, meetings, allowance, hours and the sign-up window', async () => {
    const item = ItemSchema.parse((await t.app.inject({ method: 'GET', url: `/api/items/${tableId}` })).json())
    expect(item.table?.signupOpen).toBe(true)
    expect(item.table?.assignment).toMatchObject({ seats: 4, hoursExpected: 10, allowance: { kind: 'amount', euros: 25 }, reserved: { clientOrExpert: 1, youth: 1 } })
    expect(item.table?.assignment.meetings[0]?.accessibility).toContain('Rolstoel')
  })

  it('refuses more reserved seats than seats (400)', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `/api/official/items/${tableId}/table`, headers: s.headers, payload: { assignment: anAssignment(t.clock.now, { seats: 2, reserved: { clientOrExpert: 2, youth: 1 } }) } })
    expect(res.statusCode).toBe(400)
  })
})

describe('POST /api/table-signups', () => {
  it('stores a sign-up once, with contact details kept apart and the consent version', async () => {
    const signup = aSignup(tableId)
    expect(await signUp(t.app, [signup])).toEqual([{ id: signup.id, status: 'accepted' }])
    expect(await signUp(t.app, [signup])).toEqual([{ id: signup.id, status: 'duplicate' }])
    const [mine] = await mySignups(signup.deviceId)
    expect(mine).toMatchObject({ id: signup.id, status: 'eligible', name: 'Sam', consentVersion: signup.consentVersion, contact: signup.contact })
    const [row] = await queryRows<Record<string, unknown>>(t.db, sql`select * from table_signups where id = ${signup.id}`)
    expect(JSON.stringify(row)).not.toContain(signup.contact.value)
  })

  it('applies a change with a higher revision and ignores a replayed older one', async () => {
    const signup = aSignup(tableId)
    await signUp(t.app, [signup])
    expect((await signUp(t.app, [{ ...signup, revision: 2, name: 'Samira' }]))[0]?.status).toBe('accepted')
    expect((await signUp(t.app, [{ ...signup, revision: 1, name: 'Sam' }]))[0]?.status).toBe('duplicate')
    expect((await mySignups(signup.deviceId))[0]?.name).toBe('Samira')
  })

  it('refuses another device changing a sign-up, an outdated consent text and a closed sign-up window', async () => {
    const signup = aSignup(tableId)
    await signUp(t.app, [signup])
    const other = { ...signup, deviceId: 'another-device-000000000000000', revision: 5 }
    const outdated = aSignup(tableId, { consentVersion: '2020-01' })
    expect((await signUp(t.app, [other, outdated])).map((r) => r.reason)).toEqual(['not_yours', 'consent_outdated'])
    t.clock.advance(6 * DAY)
    expect((await signUp(t.app, [aSignup(tableId)]))[0]).toMatchObject({ status: 'rejected', reason: 'signup_closed' })
  })

  it('requires a guardian e-mail under 16 (400)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/table-signups', payload: { signups: [aSignup(tableId, { ageBand: '<16' })] } })
    expect(res.statusCode).toBe(400)
  })

  it('keeps an under-16 sign-up pending until the guardian confirms through the e-mailed link, then makes it eligible', async () => {
    const signup = aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })
    await signUp(t.app, [signup])
    expect((await mySignups(signup.deviceId))[0]?.status).toBe('pending_guardian')
    const mail = t.mail.find((m) => m.to === 'ouder@example.nl')
    expect(mail?.text).toContain('Tafel hulp vinden')
    const token = /#t=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1]
    expect(token).toBeTruthy()
    // The secret rides in the fragment, which browsers never send to a server or its logs.
    expect(mail?.text).toContain(`/ouder-bevestigen#t=${token}`)
    expect(mail?.text).not.toContain('?token=')
    // The page names what the guardian confirms before they press the button; asking does not use the link.
    const lookup = () => t.app.inject({ method: 'POST', url: '/api/guardian-confirmations/lookup', payload: { token } })
    for (let i = 0; i < 2; i++) expect((await lookup()).json()).toEqual({ kind: 'table', tableTitle: 'Tafel hulp vinden', municipalityName: 'Beverwijk' })
    const confirm = await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })
    expect(confirm.statusCode).toBe(200)
    expect((await mySignups(signup.deviceId))[0]?.status).toBe('eligible')
    const usedLookup = await lookup()
    expect([usedLookup.statusCode, usedLookup.json().error.code]).toEqual([404, 'guardian_link_invalid'])
    const reused = await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })
    expect([reused.statusCode, reused.json().error.code]).toEqual([404, 'guardian_link_invalid'])
  })

  it('withdraws a sign-up from its own device: contact details are deleted, counts kept', async () => {
    const signup = aSignup(tableId)
    await signUp(t.app, [signup])
    expect(await contactCount()).toBe(1)
    const wrongDevice = await t.app.inject({ method: 'POST', url: `/api/devices/another-device-000000000000000/signups/${signup.id}/withdraw`, payload: {} })
    expect(wrongDevice.statusCode).toBe(404)
    const res = await t.app.inject({ method: 'POST', url: `/api/devices/${signup.deviceId}/signups/${signup.id}/withdraw`, payload: {} })
    expect(res.statusCode).toBe(200)
    expect(await contactCount()).toBe(0)
    expect((await mySignups(signup.deviceId))[0]).toMatchObject({ status: 'withdrawn', name: null, contact: null })
    expect((await signUp(t.app, [{ ...signup, revision: 2 }]))[0]).toMatchObject({ status: 'rejected', reason: 'withdrawn' })
  })
})

describe('selection (first come) and what people hear', () => {
  it('fills reserved seats, tells everyone in the inbox and by e-mail, and offers a freed seat to the next suitable person', async () => {
    const client = aSignup(tableId, { roles: ['client'], name: 'Cliënt' })
    const early = [1, 2, 3, 4].map((i) => aSignup(tableId, { name: `Vroeg ${i}` }))
    const youth = aSignup(tableId, { ageBand: '18-23', name: 'Jong' })
    const youth2 = aSignup(tableId, { ageBand: '16-17', name: 'Jong 2' })
    for (const x of [...early, client, youth, youth2]) {
      await signUp(t.app, [x])
      t.clock.advance(1000)
    }
    const tooEarly = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect([tooEarly.statusCode, tooEarly.json().error.code]).toEqual([409, 'signup_still_open'])
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    const draw = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect(draw.json()).toEqual({ panel: 4, waitlist: 3, shortfalls: [] })

    const statusOf = async (x: { deviceId: string }) => (await mySignups(x.deviceId))[0]?.status
    expect(await statusOf(client)).toBe('selected')
    expect(await statusOf(youth)).toBe('selected')
    expect(await statusOf(early[0]!)).toBe('selected')
    expect(await statusOf(early[1]!)).toBe('selected')
    expect(await statusOf(early[2]!)).toBe('waitlisted')

    const inbox = InboxSchema.parse((await t.app.inject({ method: 'GET', url: `/api/devices/${client.deviceId}/inbox` })).json())
    expect(inbox.entries).toEqual([expect.objectContaining({ kind: 'table', status: 'selected', itemTitle: 'Tafel hulp vinden' })])
    expect(t.mail.filter((m) => m.subject.includes('U zit aan tafel'))).toHaveLength(4)
    expect(t.mail.filter((m) => m.subject.includes('Uitslag loting'))).toHaveLength(3)

    // The youth member leaves: the seat goes to the next youth on the waitlist, not the first in line.
    await t.app.inject({ method: 'POST', url: `/api/devices/${youth.deviceId}/signups/${youth.id}/withdraw`, payload: {} })
    expect(await statusOf(youth2)).toBe('selected')
    expect(await statusOf(early[2]!)).toBe('waitlisted')
    const offered = InboxSchema.parse((await t.app.inject({ method: 'GET', url: `/api/devices/${youth2.deviceId}/inbox` })).json())
    expect(offered.entries.map((e) => (e.kind === 'table' ? e.status : e.kind))).toEqual(['waitlisted', 'seat_offered'])
    const again = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'selection_already_made'])
  })

  it('says clearly when there are not enough people for the reserved seats', async () => {
    for (const x of [1, 2, 3].map(() => aSignup(tableId))) await signUp(t.app, [x])
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    const draw = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect(draw.json()).toEqual({
      panel: 3,
      waitlist: 0,
      shortfalls: [
        { category: 'client_or_expert', reserved: 1, available: 0 },
        { category: 'youth', reserved: 1, available: 0 },
      ],
    })
  })
})

describe('advice and response', () => {
  it('publishes the advice on the item and puts it and the response in the inbox of everyone who signed up', async () => {
    const signup = aSignup(tableId)
    await signUp(t.app, [signup])
    const start = InboxSchema.parse((await t.app.inject({ method: 'GET', url: `/api/devices/${signup.deviceId}/inbox` })).json())
    t.clock.advance(1000)
    const advice = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/advice`, headers: s.headers, payload: { text: 'Maak één loket voor alle hulpvragen.', attachmentUrl: 'https://beverwijk.nl/advies.pdf' } })
    expect(advice.statusCode, advice.body).toBe(200)
    t.clock.advance(1000)
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/items/${tableId}/feedback`,
      headers: s.headers,
      payload: { outcome: 'partly_adopted', summary: 'We nemen het advies grotendeels over.', reason: 'Eén loket kost meer tijd.', recommendations: [{ recommendation: 'Eén loket', outcome: 'partly_adopted', reason: 'Eerst een proef in één wijk.' }] },
    })
    expect(response.statusCode, response.body).toBe(201)
    const item = ItemSchema.parse((await t.app.inject({ method: 'GET', url: `/api/items/${tableId}` })).json())
    expect(item.table?.advice?.text).toBe('Maak één loket voor alle hulpvragen.')
    expect(item.feedback[0]?.recommendations?.[0]?.outcome).toBe('partly_adopted')
    const inbox = InboxSchema.parse((await t.app.inject({ method: 'GET', url: `/api/devices/${signup.deviceId}/inbox?since=${start.cursor}` })).json())
    expect(inbox.entries.map((e) => (e.kind === 'table' ? e.status : e.kind))).toEqual(['advice_published', 'feedback'])
  })
})

describe('selection by lot', () => {
  it('publishes a draw record that npm run verify-draw checks, with hashed ids only and no area, age band or category per person', async () => {
    await setAssignment(t.app, s, tableId, anAssignment(t.clock.now, { selectionMethod: 'lot', seats: 3, reserved: { clientOrExpert: 1, youth: 1 } }))
    const people = [
      aSignup(tableId, { roles: ['client'] }),
      aSignup(tableId, { ageBand: '18-23' }),
      ...[1, 2, 3, 4, 5].map(() => aSignup(tableId)),
    ]
    await signUp(t.app, people)
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    const draw = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: { seed: 'openbare-seed-2026' } })
    expect(draw.json()).toEqual({ panel: 3, waitlist: 4, shortfalls: [] })
    const statuses = await Promise.all(people.map(async (p) => (await mySignups(p.deviceId))[0]?.status))
    expect(statuses[0]).toBe('selected') // the only client: a guaranteed seat
    expect(statuses[1]).toBe('selected') // the only youth
    expect(statuses.filter((x) => x === 'selected')).toHaveLength(3)

    const record = (await t.app.inject({ method: 'GET', url: `/api/items/${tableId}/draw` })).json() as { seed: string; algorithmVersion: string; panel: string[] }
    expect(record.seed).toBe('openbare-seed-2026')
    expect(record.algorithmVersion).toMatch(/leximin/)
    const body = JSON.stringify(record)
    for (const field of ['ageBand', 'area', '18-23', '"categories":["']) expect(body).not.toContain(field)
    // 1 client and 1 youth of 7: too few to publish as counts.
    expect((record as unknown as { categories: unknown }).categories).toEqual([
      { category: 'client_or_expert', registered: null, selected: null },
      { category: 'youth', registered: null, selected: null },
    ])
    for (const p of people) {
      expect(body).not.toContain(p.id)
      expect(body).not.toContain(p.contact.value)
    }
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const { execFileSync } = await import('node:child_process')
    const dir = mkdtempSync(path.join(tmpdir(), 'draw-'))
    try {
      const file = path.join(dir, 'draw.json')
      writeFileSync(file, body)
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/server/cli/verify-draw.ts', file], { encoding: 'utf8', env: { ...process.env, MEEPRAAT_LANG: 'en' } })
      expect(out).toContain('OK: checked (3 members)')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a freed seat after a draw by lot', () => {
  type SeatRow = { id: string; status: string; roles: string[] }
  const seatsOf = async (itemId: string) => queryRows<SeatRow>(t.db, sql`select id, status, roles from table_signups where item_id = ${itemId}`)
  const isClient = (r: SeatRow) => r.roles.includes('client')

  it('goes to a waiting client when a selected client withdraws, so the reserved client seats stay held (5 seeds)', async () => {
    const assignment = anAssignment(t.clock.now, { selectionMethod: 'lot', seats: 8, reserved: { clientOrExpert: 3, youth: 0 } })
    const tables: { itemId: string; people: ReturnType<typeof aSignup>[] }[] = []
    for (let run = 0; run < 5; run++) {
      const itemId = run === 0 ? tableId : await givenItem(t.db, t.clock.now, { kind: 'table', questions: [], closesAt: new Date(t.clock.now.getTime() + 5 * DAY) })
      await setAssignment(t.app, s, itemId, assignment)
      const people = [...Array.from({ length: 6 }, () => aSignup(itemId, { roles: ['client'] })), ...Array.from({ length: 14 }, () => aSignup(itemId))]
      await signUp(t.app, people)
      tables.push({ itemId, people })
    }
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    for (const [run, { itemId, people }] of tables.entries()) {
      const draw = await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/draw`, headers: s.headers, payload: { seed: `vrijgekomen-plek-${run}` } })
      expect(draw.json()).toEqual({ panel: 8, waitlist: 12, shortfalls: [] })
      const before = await seatsOf(itemId)
      const leaver = before.find((r) => r.status === 'selected' && isClient(r))!
      const person = people.find((p) => p.id === leaver.id)!
      expect((await t.app.inject({ method: 'POST', url: `/api/devices/${person.deviceId}/signups/${person.id}/withdraw`, payload: {} })).statusCode).toBe(200)
      const after = await seatsOf(itemId)
      const panel = after.filter((r) => r.status === 'selected')
      expect(panel).toHaveLength(8)
      // Clients were still waiting (6 signed up), so at least 3 stay on the panel.
      expect(panel.filter(isClient).length, `run ${run}`).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('review findings (regressions)', () => {
  async function closeAndDraw() {
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    return t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
  }

  it('never lets an interest registration with a sign-up’s id take over or delete that sign-up’s contact details', async () => {
    const victim = aSignup(tableId, { name: 'Slachtoffer', contact: { channel: 'email', value: 'victim@example.nl' } })
    await signUp(t.app, [victim])
    const attacker = { id: victim.id, municipality: 'beverwijk', deviceId: 'attacker-device-0000000000000', revision: 1, themes: ['meedoen'], name: 'Aanvaller', contact: { channel: 'email', value: 'attacker@evil.test' }, ageBand: '24-64', consentVersion: victim.consentVersion }
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [attacker] } })
    await t.app.inject({ method: 'POST', url: `/api/devices/${attacker.deviceId}/interests/${victim.id}/withdraw`, payload: {} })
    const list = (await t.app.inject({ method: 'GET', url: `/api/official/items/${tableId}/signups`, headers: s.headers })).json() as { name: string; contact: { value: string } }[]
    expect(list).toEqual([expect.objectContaining({ name: 'Slachtoffer', contact: { channel: 'email', value: 'victim@example.nl' } })])
  })

  it('publishes first-come selections with hashed ids only', async () => {
    const people = [aSignup(tableId, { roles: ['client'] }), aSignup(tableId, { ageBand: '18-23' }), aSignup(tableId)]
    await signUp(t.app, people)
    expect((await closeAndDraw()).statusCode).toBe(200)
    const body = (await t.app.inject({ method: 'GET', url: `/api/items/${tableId}/draw` })).body
    for (const p of people) expect(body).not.toContain(p.id)
  })

  it('refuses to move a sign-up to another table (its own table’s window may have closed)', async () => {
    const signup = aSignup(tableId)
    await signUp(t.app, [signup])
    const other = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
    await setAssignment(t.app, s, other, anAssignment(t.clock.now))
    expect((await signUp(t.app, [{ ...signup, itemId: other, revision: 2, roles: ['client'] }]))[0]).toMatchObject({ status: 'rejected', reason: 'not_yours' })
  })

  it('gives one draw when officials press twice at once', async () => {
    await signUp(t.app, [aSignup(tableId), aSignup(tableId)])
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    const presses = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })))
    expect(presses.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    expect(presses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(['selection_already_made', 'selection_already_made'])
    expect(t.mail.filter((m) => m.subject.includes('U zit aan tafel'))).toHaveLength(2)
  })

  it('never gives out a seat twice when a withdrawal is retried at once, and forgets what the person wrote', async () => {
    await setAssignment(t.app, s, tableId, anAssignment(t.clock.now, { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } }))
    const [a, b, c, d] = [1, 2, 3, 4].map((i) => aSignup(tableId, { name: `P${i}`, motivation: 'Ik heb zelf ervaring met schulden.', accessibilityNeeds: 'Rolstoel', roles: ['client'] }))
    for (const p of [a, b, c, d]) {
      await signUp(t.app, [p!])
      t.clock.advance(1000)
    }
    expect((await closeAndDraw()).statusCode).toBe(200)
    const withdraw = (x: { id: string; deviceId: string }) => t.app.inject({ method: 'POST', url: `/api/devices/${x.deviceId}/signups/${x.id}/withdraw`, payload: {} })
    const results = await Promise.all([withdraw(a!), withdraw(a!), withdraw(a!), withdraw(b!)])
    for (const r of results) expect(r.statusCode).toBe(200)
    const rows = await queryRows<{ status: string; motivation: string | null; accessibility_needs: string | null; roles: string[] }>(t.db, sql`select status, motivation, accessibility_needs, roles from table_signups where item_id = ${tableId}`)
    expect(rows.filter((r) => r.status === 'selected')).toHaveLength(2)
    const withdrawn = rows.filter((r) => r.status === 'withdrawn')
    expect(withdrawn).toHaveLength(2)
    for (const r of withdrawn) expect(r).toMatchObject({ motivation: null, accessibility_needs: null, roles: [] })
    const offers = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from device_messages where kind = 'seat_offered'`)
    expect(offers[0]?.n).toBe(2)
  })
})
