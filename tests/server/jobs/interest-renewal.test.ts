import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../src/server/db/client'
import { runRetentionJob } from '../../../src/server/jobs/retention'
import { findMunicipalitySettings, saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { PENDING_CONFIRMATION_DAYS, RENEWAL_GRACE_DAYS } from '../../../src/shared/retention-periods'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { newDeviceId } from '../../support/factories'
import { aSignup, confirmContacts, confirmationTokenIn, contactIds, createTableTestApp, signUp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

const DAY = 86_400_000
let t: TestApp
let tableId: string

beforeEach(async () => {
  ;({ t, tableId } = await createTableTestApp())
})
afterEach(async () => t.close())

const run = async () => (await runRetentionJob({ database: t.app.database, notifier: t.app.notifier, log: t.app.log, publicUrl: 'http://meepraat.test' }, t.clock.now)).beverwijk
const statuses = async () => (await queryRows<{ status: string }>(t.db, sql`select status from interests order by received_at`)).map((r) => r.status)

async function joinNetwork(contact: { channel: 'email' | 'phone'; value: string }): Promise<string> {
  const id = crypto.randomUUID()
  const interest = { id, municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Noor', contact, ageBand: '24-64', consentVersion: CONSENT_VERSION }
  const res = await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })
  expect(res.json().results[0].status).toBe('accepted')
  await confirmContacts(t.app, [id])
  return id
}

describe('Benader mij: the yearly confirmation (retention job)', () => {
  it('asks each member once after interestConfirmMonths, and a yes keeps them another period', async () => {
    const id = await joinNetwork({ channel: 'email', value: 'noor@example.nl' })
    t.clock.advance(364 * DAY)
    expect((await run())?.renewalsRequested).toBe(0)
    t.clock.advance(2 * DAY)
    expect((await run())?.renewalsRequested).toBe(1)
    expect((await run())?.renewalsRequested).toBe(0) // asked once, not every hour
    const mail = t.mail.at(-1)
    expect(mail).toMatchObject({ to: 'noor@example.nl', about: id })
    expect(mail?.text).toContain(`na ${RENEWAL_GRACE_DAYS} dagen`)
    const res = await t.app.inject({ method: 'POST', url: '/api/contact-confirmations', payload: { token: confirmationTokenIn(t.mail, id) } })
    expect(res.json()).toEqual({ ok: true, confirmed: 'renewal' })
    t.clock.advance((RENEWAL_GRACE_DAYS + 1) * DAY)
    expect((await run())?.notRenewedRemoved).toBe(0)
    expect(await statuses()).toEqual(['active'])
    t.clock.advance(340 * DAY) // a year after the yes
    expect((await run())?.renewalsRequested).toBe(1)
  })

  it(`removes a member who does not say yes within ${RENEWAL_GRACE_DAYS} days: contact deleted, registration withdrawn`, async () => {
    await joinNetwork({ channel: 'email', value: 'noor@example.nl' })
    t.clock.advance(366 * DAY)
    await run()
    t.clock.advance((RENEWAL_GRACE_DAYS - 1) * DAY)
    expect((await run())?.notRenewedRemoved).toBe(0)
    t.clock.advance(2 * DAY)
    expect((await run())?.notRenewedRemoved).toBe(1)
    expect(await statuses()).toEqual(['withdrawn'])
    expect(await contactIds(t)).toEqual([])
    expect((await queryRows(t.db, sql`select * from guardian_tokens`)).length).toBe(0)
  })

  it('asks phone-only members nothing (no SMS) and removes them after the same grace period', async () => {
    const mailBefore = t.mail.length
    await joinNetwork({ channel: 'phone', value: '06 12345678' })
    t.clock.advance(366 * DAY)
    expect((await run())?.renewalsRequested).toBe(1)
    expect(t.mail.length).toBe(mailBefore)
    t.clock.advance((RENEWAL_GRACE_DAYS + 1) * DAY)
    expect((await run())?.notRenewedRemoved).toBe(1)
    expect(await contactIds(t)).toEqual([])
  })

  it('uses the municipality’s own interestConfirmMonths', async () => {
    const settings = await findMunicipalitySettings(t.db, 'beverwijk')
    await saveMunicipalitySettings(t.db, 'beverwijk', { ...settings!, retention: { ...settings!.retention, interestConfirmMonths: 6 } })
    await joinNetwork({ channel: 'email', value: 'noor@example.nl' })
    t.clock.advance(185 * DAY)
    expect((await run())?.renewalsRequested).toBe(1)
    expect(t.mail.at(-1)?.text).toContain('elke 6 maanden')
  })
})

describe('unconfirmed addresses (retention job)', () => {
  it(`deletes an adult's sign-up and Benader mij registration whose address was not confirmed after ${PENDING_CONFIRMATION_DAYS} days`, async () => {
    const person = aSignup(tableId)
    await signUp(t.app, [person], { confirm: false })
    const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
    await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })
    t.clock.advance((PENDING_CONFIRMATION_DAYS - 1) * DAY)
    expect((await run())?.unconfirmedDeleted).toBe(0)
    expect((await contactIds(t)).length).toBe(2)
    t.clock.advance(2 * DAY)
    expect((await run())?.unconfirmedDeleted).toBe(2)
    expect(await contactIds(t)).toEqual([])
    expect(await queryRows(t.db, sql`select id from table_signups`)).toEqual([])
    expect(await queryRows(t.db, sql`select id from interests`)).toEqual([])
  })
})
