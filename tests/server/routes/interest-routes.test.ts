import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import type { TestApp } from '../../support/test-app'
import { newDeviceId } from '../../support/factories'
import type { Session } from '../../support/officials'
import { confirmContacts, contactIds, createTableTestApp } from '../../support/tables'

const DAY = 86_400_000
let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ assignment: { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } } }))
})
afterEach(async () => t.close())


describe('interest network ("Benader mij")', () => {
  const anInterest = (overrides: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    municipality: 'beverwijk',
    deviceId: newDeviceId(),
    revision: 1,
    themes: ['meedoen', 'opgroeien'],
    name: 'Noor',
    contact: { channel: 'email', value: 'noor@example.nl' },
    ageBand: '16-17',
    consentVersion: CONSENT_VERSION,
    ...overrides,
  })

  it('stores registrations once, shows officials counts per theme and age band, and invites matching people', async () => {
    const a = anInterest()
    const b = anInterest({ themes: ['rondkomen'], ageBand: '65+', contact: { channel: 'phone', value: '+31 6 12345678' } })
    const res = await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [a, b, a] } })
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted'])
    await confirmContacts(t.app, [a.id])
    const counts = (await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()
    expect(counts).toEqual([
      { theme: 'meedoen', ageBand: '16-17', count: 1 },
      { theme: 'opgroeien', ageBand: '16-17', count: 1 },
      { theme: 'rondkomen', ageBand: '65+', count: 1 },
    ])
    expect(JSON.stringify(counts)).not.toContain('Noor')
    const invite = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })
    expect(invite.json()).toEqual({ invited: 1, emailed: 1 })
    expect(t.mail.at(-1)).toMatchObject({ to: 'noor@example.nl' })
    const inbox = (await t.app.inject({ method: 'GET', url: `/api/devices/${a.deviceId}/inbox` })).json()
    expect(inbox.entries).toEqual([expect.objectContaining({ kind: 'table', status: 'invited', itemId: tableId })])
  })

  it('keeps an under-16 registration out until a guardian confirms, and deletes contact details on withdrawal', async () => {
    const young = anInterest({ ageBand: '<16', guardianEmail: 'ouder@example.nl' })
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [young] } })
    expect((await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()).toEqual([])
    const token = /#t=([A-Za-z0-9_-]+)/.exec(t.mail.at(-1)?.text ?? '')?.[1]
    const lookup = await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations/lookup', payload: { token } })
    expect(lookup.json()).toEqual({ kind: 'interest', municipalityName: 'Beverwijk' })
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()).toHaveLength(2)
    const out = await t.app.inject({ method: 'POST', url: `/api/devices/${young.deviceId}/interests/${young.id}/withdraw`, payload: {} })
    expect(out.statusCode).toBe(200)
    expect(await contactIds(t)).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()).toEqual([])
  })
})

describe('interest network: review findings (regressions)', () => {
  it('does not revive a withdrawn under-16 registration through the guardian link', async () => {
    const young = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Kim', contact: { channel: 'email', value: 'kim@example.nl' }, ageBand: '<16', guardianEmail: 'ouder@example.nl', consentVersion: CONSENT_VERSION }
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [young] } })
    const token = /#t=([A-Za-z0-9_-]+)/.exec(t.mail.at(-1)?.text ?? '')?.[1]
    await t.app.inject({ method: 'POST', url: `/api/devices/${young.deviceId}/interests/${young.id}/withdraw`, payload: {} })
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations/lookup', payload: { token } })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: '/api/official/interests', headers: s.headers })).json()).toEqual([])
  })

  it('lets a guardian link expire after 30 days', async () => {
    const young = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Kim', contact: { channel: 'email', value: 'kim@example.nl' }, ageBand: '<16', guardianEmail: 'ouder@example.nl', consentVersion: CONSENT_VERSION }
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [young] } })
    const token = /#t=([A-Za-z0-9_-]+)/.exec(t.mail.at(-1)?.text ?? '')?.[1]
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations/lookup', payload: { token } })).statusCode).toBe(200)
    t.clock.advance(31 * DAY)
    // An expired link names nothing any more, and the lookup did not use it up before.
    const expired = await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations/lookup', payload: { token } })
    expect([expired.statusCode, expired.json().error.code]).toEqual([404, 'guardian_link_invalid'])
    expect((await t.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })).statusCode).toBe(404)
  })

  it('invites each person once per table, however often the button is pressed', async () => {
    const a = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['opgroeien'], name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [a] } })
    await confirmContacts(t.app, [a.id])
    const first = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })
    const second = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })
    expect([first.json().invited, second.json().invited]).toEqual([1, 0])
  })
})
