import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { codeAt } from '../../../src/server/auth/totp'
import { officialRecoveryCodes, officialTotp } from '../../../src/server/db/schema'
import { SSO_BROWSER_COOKIE, SSO_CALLBACK_PATH } from '../../../src/server/routes/sign-in-routes'
import { MAX_SECOND_FACTOR_FAILURES } from '../../../src/server/routes/second-factor-routes'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, TEST_PASSWORD } from '../../support/officials'
import { signInAtProvider, startTestProvider } from '../../support/oidc-provider'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp({ adminSecondFactor: 'required' })
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk', 'admin')
  await givenOfficial(t.db, 'beverwijk', 'official')
})
afterEach(async () => t.close())

interface Browser {
  cookie: string
  csrf: string
  headers: Record<string, string>
}

const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('meepraat_session='))?.split(';')[0]

/** A browser after a request that set a new session. */
function browserOf(res: { headers: Record<string, unknown>; json(): unknown }, csrf?: string): Browser {
  const cookie = sessionCookie(res) as string
  const token = csrf ?? (res.json() as { csrfToken: string }).csrfToken
  return { cookie, csrf: token, headers: { cookie, 'x-csrf-token': token } }
}

async function passwordSignIn(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD } })
  expect(res.statusCode, res.body).toBe(200)
  return { me: res.json() as { pending?: string }, browser: browserOf(res) }
}

const post = (browser: Browser, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: browser.headers, payload })
const get = (browser: Browser, url: string) => t.app.inject({ method: 'GET', url, headers: browser.headers })

/** Enrols through the routes the way the enrolment page does, computing the code as an app would. */
async function enrol(browser: Browser) {
  const start = await post(browser, '/api/auth/second-factor/enrolment')
  expect(start.statusCode, start.body).toBe(200)
  const { secret } = start.json() as { secret: string }
  const confirm = await post(browser, '/api/auth/second-factor/enrolment/confirm', { code: codeAt(secret, t.clock.now) })
  expect(confirm.statusCode, confirm.body).toBe(200)
  const body = confirm.json() as { recoveryCodes: string[]; me: { csrfToken: string; pending?: string } }
  return { secret, recoveryCodes: body.recoveryCodes, me: body.me, browser: sessionCookie(confirm) ? browserOf(confirm, body.me.csrfToken) : browser }
}

describe('second factor (TOTP): enrolment', () => {
  it('leads an admin without one to enrolment at the first sign-in, and the server refuses everything else until then', async () => {
    const { me, browser } = await passwordSignIn('admin@beverwijk.nl')
    expect(me.pending).toBe('enrolment')
    for (const url of ['/api/official/items', '/api/official/officials', '/api/official/audit']) {
      const res = await get(browser, url)
      expect(res.statusCode, url).toBe(403)
      expect(res.json().error.code).toBe('second_factor_enrolment_required')
    }
    expect((await post(browser, `/api/official/officials/${crypto.randomUUID()}/disable`, {})).json().error.code).toBe('second_factor_enrolment_required')
    // Who is signing in, and what is still owed, the back office can ask.
    expect((await get(browser, '/api/auth/me')).json()).toMatchObject({ email: 'admin@beverwijk.nl', pending: 'enrolment' })
  })

  it('shows a QR code and the secret as text, and a first right code completes the sign-in with 10 recovery codes', async () => {
    const { browser } = await passwordSignIn('admin@beverwijk.nl')
    const start = (await post(browser, '/api/auth/second-factor/enrolment')).json() as { secret: string; uri: string; qrSvg: string }
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(start.uri).toMatch(/^otpauth:\/\/totp\/Meepraat:admin%40beverwijk\.nl\?/)
    expect(start.uri).toContain(`secret=${start.secret}`)
    expect(start.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    const wrong = await post(browser, '/api/auth/second-factor/enrolment/confirm', { code: codeAt(start.secret, new Date(t.clock.now.getTime() - 5 * 60_000)) })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error.code).toBe('second_factor_code_invalid')
    const confirm = await post(browser, '/api/auth/second-factor/enrolment/confirm', { code: codeAt(start.secret, t.clock.now) })
    expect(confirm.statusCode).toBe(200)
    const body = confirm.json() as { recoveryCodes: string[]; me: { csrfToken: string; pending?: string } }
    expect(body.recoveryCodes).toHaveLength(10)
    expect(new Set(body.recoveryCodes).size).toBe(10)
    expect(body.me.pending).toBeUndefined()
    // The finished sign-in is a new session; the pending one is gone.
    const ready = browserOf(confirm, body.me.csrfToken)
    expect(ready.cookie).not.toBe(browser.cookie)
    expect((await get(ready, '/api/official/officials')).statusCode).toBe(200)
    expect((await get(browser, '/api/official/officials')).statusCode).toBe(401)
  })

  it('stores the secret sealed and the recovery codes hashed', async () => {
    const { browser } = await passwordSignIn('admin@beverwijk.nl')
    const { secret, recoveryCodes } = await enrol(browser)
    const [totp] = await t.db.select().from(officialTotp)
    expect(totp?.secretSealed).toMatch(/^v1\./)
    expect(JSON.stringify(totp)).not.toContain(secret)
    const stored = JSON.stringify(await t.db.select().from(officialRecoveryCodes))
    for (const code of recoveryCodes) expect(stored).not.toContain(code)
  })

  it('is optional for officials: they sign in without it, and may set one up themselves', async () => {
    const first = await passwordSignIn('official@beverwijk.nl')
    expect(first.me.pending).toBeUndefined()
    expect((await get(first.browser, '/api/auth/second-factor')).json()).toEqual({ enrolled: false, required: false, recoveryCodesLeft: 0 })
    await enrol(first.browser)
    expect((await get(first.browser, '/api/auth/second-factor')).json()).toEqual({ enrolled: true, required: false, recoveryCodesLeft: 10 })
    t.clock.advance(30_000)
    expect((await passwordSignIn('official@beverwijk.nl')).me.pending).toBe('code')
  })

  it('is required for every official when the municipality switches it on', async () => {
    const admin = await passwordSignIn('admin@beverwijk.nl')
    const ready = (await enrol(admin.browser)).browser
    const res = await t.app.inject({ method: 'PUT', url: '/api/official/sign-in-settings', headers: ready.headers, payload: { passwordSignIn: true, requireSecondFactor: true, sso: null } })
    expect(res.statusCode, res.body).toBe(200)
    expect((await passwordSignIn('official@beverwijk.nl')).me.pending).toBe('enrolment')
  })

  it('a confirmed second factor cannot be replaced by starting again', async () => {
    const { browser } = await passwordSignIn('official@beverwijk.nl')
    await enrol(browser)
    const again = await post(browser, '/api/auth/second-factor/enrolment')
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('second_factor_already_enrolled')
  })
})

describe('second factor (TOTP): signing in with it', () => {
  let secret: string
  let recoveryCodes: string[]
  beforeEach(async () => {
    const enrolled = await enrol((await passwordSignIn('admin@beverwijk.nl')).browser)
    secret = enrolled.secret
    recoveryCodes = enrolled.recoveryCodes
    t.clock.advance(30_000)
  })

  it('asks for the code after the password; only the right code completes the sign-in', async () => {
    const { me, browser } = await passwordSignIn('admin@beverwijk.nl')
    expect(me.pending).toBe('code')
    expect((await get(browser, '/api/official/items')).json().error.code).toBe('second_factor_required')
    // Waiting for the code, setting up another factor is no way around it.
    expect((await post(browser, '/api/auth/second-factor/enrolment')).statusCode).toBe(403)
    const wrong = await post(browser, '/api/auth/second-factor/verify', { code: codeAt(secret, new Date(t.clock.now.getTime() + 10 * 60_000)) })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error.code).toBe('second_factor_code_invalid')
    const right = await post(browser, '/api/auth/second-factor/verify', { code: codeAt(secret, t.clock.now) })
    expect(right.statusCode, right.body).toBe(200)
    expect(right.json().pending).toBeUndefined()
    expect((await get(browserOf(right), '/api/official/items')).statusCode).toBe(200)
  })

  it('refuses a replayed code: the same time step twice', async () => {
    const code = codeAt(secret, t.clock.now)
    const first = await passwordSignIn('admin@beverwijk.nl')
    expect((await post(first.browser, '/api/auth/second-factor/verify', { code })).statusCode).toBe(200)
    const second = await passwordSignIn('admin@beverwijk.nl')
    const replay = await post(second.browser, '/api/auth/second-factor/verify', { code })
    expect(replay.statusCode).toBe(401)
    expect(replay.json().error.code).toBe('second_factor_code_invalid')
    // The code of the next step works.
    t.clock.advance(30_000)
    expect((await post(second.browser, '/api/auth/second-factor/verify', { code: codeAt(secret, t.clock.now) })).statusCode).toBe(200)
  })

  it('accepts each recovery code once, in place of the code', async () => {
    const first = await passwordSignIn('admin@beverwijk.nl')
    const used = await post(first.browser, '/api/auth/second-factor/verify', { recoveryCode: (recoveryCodes[0] as string).toUpperCase() })
    expect(used.statusCode, used.body).toBe(200)
    const second = await passwordSignIn('admin@beverwijk.nl')
    expect((await post(second.browser, '/api/auth/second-factor/verify', { recoveryCode: recoveryCodes[0] as string })).statusCode).toBe(401)
    expect((await post(second.browser, '/api/auth/second-factor/verify', { recoveryCode: 'aaaaa-bbbbb' })).statusCode).toBe(401)
    const ready = await post(second.browser, '/api/auth/second-factor/verify', { recoveryCode: recoveryCodes[1] as string })
    expect(ready.statusCode).toBe(200)
    expect((await get(browserOf(ready), '/api/auth/second-factor')).json().recoveryCodesLeft).toBe(8)
  })

  it(`stops guessing: after ${MAX_SECOND_FACTOR_FAILURES} wrong codes even the right one waits`, async () => {
    const { browser } = await passwordSignIn('admin@beverwijk.nl')
    for (let i = 0; i < MAX_SECOND_FACTOR_FAILURES; i++) expect((await post(browser, '/api/auth/second-factor/verify', { code: String(100000 + i) })).statusCode).toBe(401)
    expect((await post(browser, '/api/auth/second-factor/verify', { code: codeAt(secret, t.clock.now) })).statusCode).toBe(429)
    t.clock.advance(16 * 60_000)
    expect((await post(browser, '/api/auth/second-factor/verify', { code: codeAt(secret, t.clock.now) })).statusCode).toBe(200)
  })

  it('audits enrolment, the code step and failures', async () => {
    const { browser } = await passwordSignIn('admin@beverwijk.nl')
    await post(browser, '/api/auth/second-factor/verify', { code: '000001' })
    await post(browser, '/api/auth/second-factor/verify', { code: codeAt(secret, t.clock.now) })
    const { auditLog } = await import('../../../src/server/db/schema')
    const actions = (await t.db.select().from(auditLog)).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['auth.secondFactor.enrolled', 'auth.login.password', 'auth.secondFactor.failed', 'auth.login']))
  })
})

describe('second factor with single sign-on', () => {
  it('an admin signing in through the identity provider gets no code step: the provider does the second factor', async () => {
    const redirectUri = `http://meepraat.test${SSO_CALLBACK_PATH}`
    const provider = await startTestProvider([redirectUri])
    try {
      provider.users.set('bert', { email: 'bert@beverwijk.nl', groups: ['beheer'] })
      const admin = await enrol((await passwordSignIn('admin@beverwijk.nl')).browser)
      const sso = {
        enabled: true, displayName: 'Werkaccount', issuer: provider.issuer, clientId: provider.client.id, clientSecret: provider.client.secret, scopes: 'openid email groups', acrValues: null,
        mapping: { emailClaim: 'email', roleClaim: 'groups', adminValues: ['beheer'], officialValues: [], municipalityClaim: null, municipalityValue: null, createAccounts: true },
      }
      expect((await t.app.inject({ method: 'PUT', url: '/api/official/sign-in-settings', headers: admin.browser.headers, payload: { passwordSignIn: true, requireSecondFactor: true, sso } })).statusCode).toBe(200)
      const start = await t.app.inject({ method: 'POST', url: '/api/auth/sso/beverwijk/start', payload: {} })
      const cookie = [start.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${SSO_BROWSER_COOKIE}=`))?.split(';')[0] as string
      const params = await signInAtProvider(start.json().authorizationUrl, 'bert', redirectUri)
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sso/callback', payload: params, headers: { cookie } })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ email: 'bert@beverwijk.nl', role: 'admin' })
      expect(res.json().pending).toBeUndefined()
      expect((await get(browserOf(res), '/api/official/officials')).statusCode).toBe(200)
    } finally {
      await provider.close()
    }
  })
})
