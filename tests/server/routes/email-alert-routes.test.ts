import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { queryRows } from '../../../src/server/db/client'
import { runRetention } from '../../../src/server/jobs/retention'
import { EMAIL_ALERT_CONSENT_VERSION } from '../../../src/shared/schemas/email-alert'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let testDb: TestDatabase
let app: FastifyInstance
let transport: ReturnType<typeof createMemoryNotifier>
let now: Date
let s: Session
let itemId: string

beforeEach(async () => {
  testDb = await createTestDatabase()
  now = new Date('2026-06-01T12:00:00Z')
  transport = createMemoryNotifier()
  // The real durable queue in front of a memory transport; the test drains it by hand.
  app = await buildApp({
    database: testDb.database,
    ownsDatabase: false,
    clock: () => now,
    notifier: transport,
    mailQueue: { intervalMs: 3_600_000 },
    mailFrom: 'Gemeente Beverwijk <noreply@beverwijk.nl>',
    adminSecondFactor: 'optional',
    publicUrl: 'https://meepraat.beverwijk.nl',
  })
  await givenMunicipality(testDb.database.db)
  await givenOfficial(testDb.database.db, 'beverwijk')
  s = await signIn(app, 'official@beverwijk.nl')
  itemId = await givenItem(testDb.database.db, now, { title: 'Hangplekken in Noord' })
})
afterEach(async () => {
  await app.close()
  await testDb.dispose()
})

const drain = async () => {
  await app.mailWorker!.drain()
  return transport.sent
}
const ask = (deviceId: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/me/email-alerts', headers: { authorization: deviceAuthorization(deviceId) }, payload: { itemId, language: 'nl', consentVersion: EMAIL_ALERT_CONSENT_VERSION, ...body } })
const publish = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: s.headers, payload })
const tokenIn = (text: string, path: string) => new RegExp(`${path}#t=([A-Za-z0-9_-]+)`).exec(text)?.[1]
const alertRows = () => queryRows<{ email: string; confirmed_at: Date | null }>(testDb.database.db, sql`select email, confirmed_at from item_email_alerts`)

describe('POST /api/me/email-alerts (double opt-in)', () => {
  it('mails only a confirmation link, in the resident’s language, before the link is opened; an unconfirmed address gets no feedback', async () => {
    const res = await ask(newDeviceId(), { email: 'sam@example.nl', language: 'en' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ itemId, email: 'sam@example.nl', language: 'en', confirmedAt: null })
    const [confirmation] = await drain()
    expect(confirmation).toMatchObject({ to: 'sam@example.nl', subject: 'Beverwijk: Confirm your e-mail address: Hangplekken in Noord' })
    expect(confirmation!.text).toContain('https://meepraat.beverwijk.nl/melding-bevestigen#t=')
    expect(confirmation!.text).not.toMatch(/Beste|Hallo|Bevestig het|vriendelijke groet|Dit bericht/)
    // The token is in the fragment only: never in a query string a proxy would log.
    expect(confirmation!.text).not.toContain('?token=')

    expect((await publish({ outcome: 'in_progress', summary: 'We lezen alle reacties en praten met de wijk.' })).statusCode).toBe(201)
    expect(await drain()).toHaveLength(1)
  })

  it('sends a confirmed address each feedback once, in its language, and deletes it after the final feedback', async () => {
    await ask(newDeviceId(), { email: 'noor@example.nl' })
    const token = tokenIn((await drain())[0]!.text, '/melding-bevestigen')!
    const confirmed = await app.inject({ method: 'POST', url: '/api/email-alerts/confirm', payload: { token } })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(confirmed.json()).toEqual({ ok: true, itemTitle: 'Hangplekken in Noord' })
    // A link works once.
    expect((await app.inject({ method: 'POST', url: '/api/email-alerts/confirm', payload: { token } })).json().error.code).toBe('alert_link_invalid')

    expect((await publish({ outcome: 'in_progress', summary: 'We lezen alle reacties en praten met de wijk.' })).statusCode).toBe(201)
    const first = (await drain())[1]!
    expect(first.subject).toBe('Beverwijk: De gemeente reageert: Hangplekken in Noord')
    expect(first.text).toContain('"We lezen alle reacties en praten met de wijk."')
    expect(first.text).toContain('https://meepraat.beverwijk.nl/i/' + itemId)
    expect(first.text).toContain('/melding-afmelden#t=')
    expect(first.text).not.toMatch(/Dear|Kind regards/)
    expect(await alertRows()).toHaveLength(1)

    expect((await publish({ outcome: 'adopted', summary: 'Er komt een nieuwe hangplek bij het park.' })).statusCode).toBe(201)
    const mail = await drain()
    expect(mail).toHaveLength(3)
    expect(mail[2]!.text).toContain('De gemeente neemt de inbreng over.')
    expect(mail[2]!.text).toContain('Dit is de laatste reactie')
    // The final response went out: nothing is left to mail, so the address is gone.
    expect(await alertRows()).toEqual([])
    await drain()
    expect(transport.sent).toHaveLength(3)
  })

  it('stops with one click: the unsubscribe link deletes the address and nothing more is mailed', async () => {
    await ask(newDeviceId(), { email: 'kim@example.nl' })
    const text = (await drain())[0]!.text
    await app.inject({ method: 'POST', url: '/api/email-alerts/confirm', payload: { token: tokenIn(text, '/melding-bevestigen') } })
    const unsubscribe = await app.inject({ method: 'POST', url: '/api/email-alerts/unsubscribe', payload: { token: tokenIn(text, '/melding-afmelden') } })
    expect(unsubscribe.statusCode, unsubscribe.body).toBe(200)
    expect(await alertRows()).toEqual([])
    await publish({ outcome: 'in_progress', summary: 'We lezen alle reacties en praten met de wijk.' })
    expect(await drain()).toHaveLength(1)
    expect((await app.inject({ method: 'POST', url: '/api/email-alerts/unsubscribe', payload: { token: tokenIn(text, '/melding-afmelden') } })).statusCode).toBe(404)
  })

  it('refuses an outdated consent text, an unknown item and a device-less request, and stores nothing', async () => {
    expect((await ask(newDeviceId(), { email: 'a@example.nl', consentVersion: 'old' })).json().error.code).toBe('consent_outdated')
    expect((await ask(newDeviceId(), { email: 'a@example.nl', itemId: crypto.randomUUID() })).statusCode).toBe(404)
    expect((await ask(newDeviceId(), { email: 'not an address' })).statusCode).toBe(400)
    const anonymous = await app.inject({ method: 'POST', url: '/api/me/email-alerts', payload: { itemId, email: 'a@example.nl', language: 'nl', consentVersion: EMAIL_ALERT_CONSENT_VERSION } })
    expect(anonymous.statusCode).toBe(404)
    expect(await alertRows()).toEqual([])
  })

  it('refuses once the final feedback is out: there is nothing left to mail', async () => {
    await publish({ outcome: 'adopted', summary: 'Er komt een nieuwe hangplek bij het park.' })
    expect((await ask(newDeviceId(), { email: 'a@example.nl' })).json().error.code).toBe('feedback_final')
  })

  it('lists the device’s own alerts, shows them in /api/me/data, and DELETE /api/me removes them and their links', async () => {
    const deviceId = newDeviceId()
    const other = newDeviceId()
    await ask(deviceId, { email: 'mijn@example.nl' })
    await ask(other, { email: 'ander@example.nl' })
    const headers = { authorization: deviceAuthorization(deviceId) }
    expect((await app.inject({ method: 'GET', url: '/api/me/email-alerts', headers })).json()).toEqual([expect.objectContaining({ email: 'mijn@example.nl', itemTitle: 'Hangplekken in Noord' })])
    expect((await app.inject({ method: 'GET', url: '/api/me/data', headers })).json().emailAlerts).toEqual([expect.objectContaining({ email: 'mijn@example.nl' })])
    expect((await app.inject({ method: 'DELETE', url: '/api/me', headers })).statusCode).toBe(200)
    expect((await alertRows()).map((r) => r.email)).toEqual(['ander@example.nl'])
    // The link in the mail to the erased address confirms nothing any more.
    const mine = (await drain()).find((m) => m.to === 'mijn@example.nl')!
    expect((await app.inject({ method: 'POST', url: '/api/email-alerts/confirm', payload: { token: tokenIn(mine.text, '/melding-bevestigen') } })).statusCode).toBe(404)
  })

  it('deletes one alert of the device’s own, and answers 404 for someone else’s', async () => {
    const deviceId = newDeviceId()
    const id = (await ask(deviceId, { email: 'mijn@example.nl' })).json().id as string
    expect((await app.inject({ method: 'DELETE', url: `/api/me/email-alerts/${id}`, headers: { authorization: deviceAuthorization(newDeviceId()) } })).statusCode).toBe(404)
    expect(await alertRows()).toHaveLength(1)
    expect((await app.inject({ method: 'DELETE', url: `/api/me/email-alerts/${id}`, headers: { authorization: deviceAuthorization(deviceId) } })).statusCode).toBe(200)
    expect(await alertRows()).toEqual([])
  })

  it('deletes an address nobody confirmed once its link has expired (retention), and keeps a confirmed one', async () => {
    await ask(newDeviceId(), { email: 'stil@example.nl' })
    await ask(newDeviceId(), { email: 'ja@example.nl' })
    const yes = (await drain()).find((m) => m.to === 'ja@example.nl')!
    await app.inject({ method: 'POST', url: '/api/email-alerts/confirm', payload: { token: tokenIn(yes.text, '/melding-bevestigen') } })
    now = new Date(now.getTime() + 13 * 86_400_000)
    await runRetention(testDb.database.db, now)
    expect(await alertRows()).toHaveLength(2)
    now = new Date(now.getTime() + 2 * 86_400_000)
    await runRetention(testDb.database.db, now)
    expect((await alertRows()).map((r) => r.email)).toEqual(['ja@example.nl'])
  })
})
