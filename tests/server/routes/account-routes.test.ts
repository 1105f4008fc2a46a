import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, TEST_PASSWORD, type Session } from '../../support/officials'

const STRONG = 'blauwe giraf eet warme soep'
const HOUR = 3_600_000
let t: TestApp
let admin: Session

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk', 'admin')
  admin = await signIn(t.app, 'admin@beverwijk.nl')
})
afterEach(async () => t.close())

const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers })

/** Waits (by condition, with a limit) for a mail to this address: reset mails leave after the answer. */
async function mailTo(address: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = t.mail.filter((m) => m.to === address)
    if (found.length > 0) return found
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
const tokenIn = (text: string, page: string) => new RegExp(`/beheer/${page}#([A-Za-z0-9_-]+)`).exec(text)?.[1]

async function invite(email = 'els@beverwijk.nl', role = 'official'): Promise<string> {
  const res = await post('/api/official/invitations', { email, role }, admin.headers)
  expect(res.statusCode, res.body).toBe(201)
  const [mail] = await mailTo(email)
  const token = tokenIn(mail!.text, 'uitnodiging')
  expect(token).toBeDefined()
  return token!
}

describe('invitations', () => {
  it('mails a one-time link that names the municipality; the colleague sets their own password and can sign in', async () => {
    const token = await invite()
    const [mail] = await mailTo('els@beverwijk.nl')
    expect(mail!.subject).toContain('gemeente Beverwijk')
    expect(mail!.text).toContain('72 uur')
    const info = await post('/api/auth/invitation', { token })
    expect(info.json()).toEqual({ email: 'els@beverwijk.nl', role: 'official', municipalityName: 'Beverwijk' })
    const accepted = await post('/api/auth/invitation/accept', { token, password: STRONG })
    expect(accepted.statusCode, accepted.body).toBe(201)
    await signIn(t.app, 'els@beverwijk.nl', STRONG)
    const log = (await t.app.inject({ method: 'GET', url: '/api/official/audit/entries', headers: admin.headers })).json() as { entries: { action: string }[] }
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['official.invite', 'official.invitation.accept']))
  })

  it('refuses an invitation link used twice with account_link_invalid', async () => {
    const token = await invite()
    expect((await post('/api/auth/invitation/accept', { token, password: STRONG })).statusCode).toBe(201)
    const again = await post('/api/auth/invitation/accept', { token, password: 'een heel ander sterk wachtwoord' })
    expect([again.statusCode, again.json().error.code]).toEqual([410, 'account_link_invalid'])
    expect((await post('/api/auth/invitation', { token })).statusCode).toBe(410)
  })

  it('keeps the link usable after a weak password was refused, and refuses it after 72 hours', async () => {
    const token = await invite()
    const weak = await post('/api/auth/invitation/accept', { token, password: 'Beverwijk2026' })
    expect([weak.statusCode, weak.json().error.code]).toEqual([400, 'password_too_weak'])
    t.clock.advance(72 * HOUR + 1000)
    const late = await post('/api/auth/invitation/accept', { token, password: STRONG })
    expect([late.statusCode, late.json().error.code]).toEqual([410, 'account_link_invalid'])
  })

  it('refuses to invite an address that has an account already', async () => {
    const res = await post('/api/official/invitations', { email: 'admin@beverwijk.nl', role: 'official' }, admin.headers)
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'email_taken'])
  })
})

describe('password reset', () => {
  it('answers a known and an unknown address alike, and mails only the known one', async () => {
    await givenOfficial(t.db, 'beverwijk', 'official', 'piet@beverwijk.nl')
    const known = await post('/api/auth/password-reset/request', { email: 'piet@beverwijk.nl' })
    const unknown = await post('/api/auth/password-reset/request', { email: 'niemand@beverwijk.nl' })
    expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body])
    expect(known.statusCode).toBe(200)
    await mailTo('piet@beverwijk.nl')
    // No mail ever goes to an address without an account.
    expect(t.mail.filter((m) => m.to === 'niemand@beverwijk.nl')).toEqual([])
  })

  it('sets a new password with the link, ends every session, and refuses the link a second time', async () => {
    await givenOfficial(t.db, 'beverwijk', 'official', 'piet@beverwijk.nl')
    const before = await signIn(t.app, 'piet@beverwijk.nl')
    await post('/api/auth/password-reset/request', { email: 'piet@beverwijk.nl' })
    const [mail] = await mailTo('piet@beverwijk.nl')
    const token = tokenIn(mail!.text, 'nieuw-wachtwoord')!
    const weak = await post('/api/auth/password-reset', { token, password: 'Passw0rd1234' })
    expect(weak.json().error.code).toBe('password_too_weak')
    expect((await post('/api/auth/password-reset', { token, password: STRONG })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: before.headers })).statusCode).toBe(401)
    await expect(signIn(t.app, 'piet@beverwijk.nl', TEST_PASSWORD)).rejects.toThrow(/401/)
    await signIn(t.app, 'piet@beverwijk.nl', STRONG)
    const again = await post('/api/auth/password-reset', { token, password: 'nog een ander lang wachtwoord' })
    expect([again.statusCode, again.json().error.code]).toEqual([410, 'account_link_invalid'])
  })

  it('limits reset requests per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await post('/api/auth/password-reset/request', { email: `x${i}@beverwijk.nl` })).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
  })

  it('refuses a request from another site', async () => {
    const res = await post('/api/auth/password-reset/request', { email: 'piet@beverwijk.nl' }, { origin: 'https://evil.example', host: 'localhost:80' })
    expect(res.statusCode).toBe(403)
  })
})

describe('changing one’s own password', () => {
  it('needs the current password, checks the new one, ends the other sessions and renews this one', async () => {
    const other = await signIn(t.app, 'admin@beverwijk.nl')
    const wrong = await post('/api/auth/password', { currentPassword: 'niet-het-wachtwoord', newPassword: STRONG }, admin.headers)
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'current_password_wrong'])
    const weak = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Summer2024!!' }, admin.headers)
    expect(weak.json().error.code).toBe('password_too_weak')
    const changed = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: STRONG }, admin.headers)
    expect(changed.statusCode, changed.body).toBe(200)
    const cookie = [changed.headers['set-cookie']].flat().find((c) => c?.startsWith('meepraat_session='))!.split(';')[0]!
    const fresh = { cookie, 'x-csrf-token': (changed.json() as { csrfToken: string }).csrfToken }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: fresh })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode).toBe(401)
    await signIn(t.app, 'admin@beverwijk.nl', STRONG)
  })
})

describe('stale links', () => {
  it('removes invitation links (and their e-mail address) a week after they expired', async () => {
    const { deleteStaleAccountTokens } = await import('../../../src/server/repos/account-token-repo')
    const { accountTokens } = await import('../../../src/server/db/schema')
    await invite()
    await deleteStaleAccountTokens(t.db, new Date(t.clock.now.getTime() + 72 * HOUR + 6 * 24 * HOUR))
    expect(await t.db.select().from(accountTokens)).toHaveLength(1)
    await deleteStaleAccountTokens(t.db, new Date(t.clock.now.getTime() + 72 * HOUR + 8 * 24 * HOUR))
    expect(await t.db.select().from(accountTokens)).toHaveLength(0)
  })
})
