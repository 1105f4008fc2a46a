import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { PENDING_CONFIRMATION_DAYS } from '../../../src/shared/retention-periods'
import { CONSENT_VERSION, MySignupSchema } from '../../../src/shared/schemas/table'
import { newDeviceId } from '../../support/factories'
import { signIn, type Session } from '../../support/officials'
import { aSignup, confirmationTokenIn, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ assignment: { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } } }))
})
afterEach(async () => t.close())

const statusOf = async (deviceId: string) => MySignupSchema.array().parse((await t.app.inject({ method: 'GET', url: `/api/devices/${deviceId}/signups` })).json())[0]?.status
const confirm = (token: string | undefined) => t.app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token } })

async function draw(): Promise<void> {
  t.clock.advance(6 * DAY)
  s = await signIn(t.app, 'official@beverwijk.nl')
  const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
  expect(res.statusCode, res.body).toBe(200)
}

const anInterest = (overrides: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  municipality: 'beverwijk',
  deviceId: newDeviceId(),
  revision: 1,
  themes: ['opgroeien'],
  name: 'Noor',
  contact: { channel: 'email', value: 'noor@example.nl' },
  ageBand: '24-64',
  consentVersion: CONSENT_VERSION,
  ...overrides,
})

describe('POST /api/contact-confirmations', () => {
  it('keeps an adult e-mail sign-up pending, out of the draw and without "U zit aan tafel" until the link is opened', async () => {
    const unconfirmed = aSignup(tableId, { name: 'Niet bevestigd' })
    await signUp(t.app, [unconfirmed], { confirm: false })
    expect(await statusOf(unconfirmed.deviceId)).toBe('pending_confirmation')
    const link = t.mail.at(-1)
    expect(link).toMatchObject({ to: unconfirmed.contact.value, about: unconfirmed.id })
    expect(link?.text).toContain(`na ${PENDING_CONFIRMATION_DAYS} dagen`)
    await draw()
    expect(await statusOf(unconfirmed.deviceId)).toBe('pending_confirmation')
    expect(t.mail.filter((m) => m.subject.includes('U zit aan tafel'))).toEqual([])
  })

  it('makes a sign-up eligible once the person opens the link, so the draw can select it', async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person], { confirm: false })
    const res = await confirm(confirmationTokenIn(t.mail, person.id))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ ok: true, confirmed: 'signup' })
    expect(await statusOf(person.deviceId)).toBe('eligible')
    await draw()
    expect(await statusOf(person.deviceId)).toBe('selected')
    expect(t.mail.filter((m) => m.subject.includes('U zit aan tafel')).map((m) => m.to)).toEqual([person.contact.value])
  })

  it('works once: a used, unknown or malformed link is refused and changes nothing', async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person], { confirm: false })
    const token = confirmationTokenIn(t.mail, person.id)
    expect((await confirm(token)).statusCode).toBe(200)
    const again = await confirm(token)
    expect(again.statusCode).toBe(404)
    expect(again.json().error.code).toBe('contact_link_invalid')
    expect((await confirm('x'.repeat(43))).json().error.code).toBe('contact_link_invalid')
    expect((await confirm('not a token')).statusCode).toBe(400)
  })

  it(`expires after ${PENDING_CONFIRMATION_DAYS} days`, async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person], { confirm: false })
    t.clock.advance(PENDING_CONFIRMATION_DAYS * DAY + 1000)
    expect((await confirm(confirmationTokenIn(t.mail, person.id))).statusCode).toBe(404)
    expect(await statusOf(person.deviceId)).toBe('pending_confirmation')
  })

  it('does not accept a guardian link for an address, nor an address link for a guardian', async () => {
    const child = aSignup(tableId, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })
    await signUp(t.app, [child], { confirm: false })
    const guardianToken = /ouder-bevestigen#t=([A-Za-z0-9_-]+)/.exec(t.mail.at(-1)?.text ?? '')?.[1]
    expect((await confirm(guardianToken)).statusCode).toBe(404)
    const adult = aSignup(tableId)
    await signUp(t.app, [adult], { confirm: false })
    const addressToken = confirmationTokenIn(t.mail, adult.id)
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token: addressToken } })).statusCode).toBe(404)
    expect(await statusOf(child.deviceId)).toBe('pending_guardian')
    expect(await statusOf(adult.deviceId)).toBe('pending_confirmation')
  })

  it('asks again when the address changes, and not when other details change', async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person])
    expect(await statusOf(person.deviceId)).toBe('eligible')
    const mailBefore = t.mail.length
    await signUp(t.app, [{ ...person, revision: 2, name: 'Sam B.' }], { confirm: false })
    expect(t.mail.length).toBe(mailBefore)
    expect(await statusOf(person.deviceId)).toBe('eligible')
    await signUp(t.app, [{ ...person, revision: 3, contact: { channel: 'email', value: 'nieuw@example.nl' } }], { confirm: false })
    expect(await statusOf(person.deviceId)).toBe('pending_confirmation')
    expect(t.mail.at(-1)).toMatchObject({ to: 'nieuw@example.nl' })
  })

  it('lets a phone-only sign-up count at once (a number cannot be confirmed without SMS)', async () => {
    const person = aSignup(tableId, { contact: { channel: 'phone', value: '06 12345678' } })
    const mailBefore = t.mail.length
    await signUp(t.app, [person], { confirm: false })
    expect(await statusOf(person.deviceId)).toBe('eligible')
    expect(t.mail.length).toBe(mailBefore)
  })

  it('keeps an adult Benader mij registration out of invitations until the address is confirmed', async () => {
    const noor = anInterest()
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [noor] } })
    expect((await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()).toEqual([])
    const none = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })
    expect(none.json()).toEqual({ invited: 0, emailed: 0 })
    const res = await confirm(confirmationTokenIn(t.mail, noor.id))
    expect(res.json()).toEqual({ ok: true, confirmed: 'interest' })
    const rows = await queryRows<{ status: string; confirmed_at: string | Date | null }>(t.db, sql`select status, confirmed_at from interests`)
    expect(rows.map((r) => [r.status, r.confirmed_at && new Date(r.confirmed_at).toISOString()])).toEqual([['active', t.clock.now.toISOString()]])
    const invite = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })
    expect(invite.json()).toEqual({ invited: 1, emailed: 1 })
  })

  it('does not bring back a withdrawn registration through its link', async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person], { confirm: false })
    const token = confirmationTokenIn(t.mail, person.id)
    await t.app.inject({ method: 'POST', url: `/api/devices/${person.deviceId}/signups/${person.id}/withdraw`, payload: {} })
    expect((await confirm(token)).statusCode).toBe(404)
    expect(await statusOf(person.deviceId)).toBe('withdrawn')
  })
})
