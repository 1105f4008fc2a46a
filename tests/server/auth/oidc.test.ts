import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, municipalitySignIn, officials } from '../../../src/server/db/schema'
import { SSO_BROWSER_COOKIE, SSO_CALLBACK_PATH } from '../../../src/server/routes/sign-in-routes'
import { MeSchema } from '../../../src/shared/schemas/official'
import type { SignInSettingsUpdate, SsoSettingsInput } from '../../../src/shared/schemas/sign-in-settings'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, TEST_PASSWORD, type Session } from '../../support/officials'
import { signInAtProvider, startTestProvider, type TestProvider } from '../../support/oidc-provider'
import { createTestApp, type TestApp } from '../../support/test-app'

const PUBLIC_URL = 'http://meepraat.test'
const REDIRECT_URI = `${PUBLIC_URL}${SSO_CALLBACK_PATH}`

let provider: TestProvider
let t: TestApp
let admin: Session

beforeAll(async () => {
  provider = await startTestProvider([REDIRECT_URI])
})
afterAll(async () => provider.close())

function ssoInput(overrides: Partial<SsoSettingsInput> = {}): SsoSettingsInput {
  return {
    enabled: true,
    displayName: 'Gemeente Beverwijk ID',
    issuer: provider.issuer,
    clientId: provider.client.id,
    clientSecret: provider.client.secret,
    scopes: 'openid email profile groups',
    acrValues: null,
    mapping: { emailClaim: 'email', roleClaim: 'groups', adminValues: ['meepraat-beheer'], officialValues: ['meepraat-medewerkers'], municipalityClaim: null, municipalityValue: null, createAccounts: true },
    ...overrides,
  }
}

async function putSettings(body: SignInSettingsUpdate, session = admin) {
  return t.app.inject({ method: 'PUT', url: '/api/official/sign-in-settings', headers: session.headers, payload: body })
}

beforeEach(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL })
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk', 'admin')
  admin = await signIn(t.app, 'admin@beverwijk.nl')
  provider.forgeAudience = null
  provider.users.clear()
  provider.users.set('anne', { email: 'anne@beverwijk.nl', email_verified: true, name: 'Anne', groups: ['meepraat-medewerkers'] })
  provider.users.set('bert', { email: 'bert@beverwijk.nl', email_verified: true, name: 'Bert', groups: ['meepraat-beheer', 'alle-medewerkers'] })
  provider.users.set('carla', { email: 'carla@beverwijk.nl', email_verified: true, name: 'Carla', groups: ['alle-medewerkers'] })
  expect((await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: ssoInput() })).statusCode).toBe(200)
})
afterEach(async () => t.close())

const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
  [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${name}=`))?.split(';')[0]

/** Starts at Meepraat as the login page does; returns the provider's address and the browser's cookie. */
async function start(municipality = 'beverwijk') {
  const res = await t.app.inject({ method: 'POST', url: `/api/auth/sso/${municipality}/start`, payload: {} })
  expect(res.statusCode, res.body).toBe(200)
  return { authorizationUrl: res.json().authorizationUrl as string, cookie: cookieOf(res, SSO_BROWSER_COOKIE) as string }
}

const callback = (params: Record<string, string>, cookie: string | undefined) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sso/callback', payload: params, headers: cookie ? { cookie } : {} })

/** The whole trip: Meepraat, the provider's login page, back to Meepraat. */
async function ssoSignIn(login: string) {
  const { authorizationUrl, cookie } = await start()
  const params = await signInAtProvider(authorizationUrl, login, REDIRECT_URI)
  return { res: await callback(params, cookie), params, cookie }
}

const accountOf = async (email: string) => (await t.db.select().from(officials).where(eq(officials.email, email)))[0]
const auditActions = async () => (await t.db.select().from(auditLog)).map((a) => a.action)

describe('single sign-on through the municipality\'s OpenID provider (oidc-provider in-process)', () => {
  it('asks the provider for the authorization code flow with PKCE S256, state and nonce, and the registered redirect URI', async () => {
    const url = new URL((await start()).authorizationUrl)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/)
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    expect(url.searchParams.get('scope')).toBe('openid email profile groups')
  })

  it('a full sign-in makes the account at the first sign-in and starts the usual session with its CSRF token', async () => {
    const { res } = await ssoSignIn('anne')
    expect(res.statusCode, res.body).toBe(200)
    const me = MeSchema.parse(res.json())
    expect(me).toMatchObject({ email: 'anne@beverwijk.nl', municipality: 'beverwijk', role: 'official' })
    const session = cookieOf(res, 'meepraat_session')
    expect(String(res.headers['set-cookie'])).toMatch(/meepraat_session=[^;]+;.*HttpOnly/i)
    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session as string } })
    expect(again.json()).toMatchObject({ email: 'anne@beverwijk.nl', csrfToken: me.csrfToken })
    // A change needs the CSRF token as with a password session.
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session as string }, payload: {} })
    expect(noCsrf.statusCode).toBe(403)
    expect((await accountOf('anne@beverwijk.nl'))?.role).toBe('official')
    expect(await auditActions()).toEqual(expect.arrayContaining(['official.create', 'auth.login']))
  })

  it('an account made by single sign-on has no password that works', async () => {
    expect((await ssoSignIn('anne')).res.statusCode).toBe(200)
    for (const password of ['!sso-only', '', TEST_PASSWORD]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'anne@beverwijk.nl', password: password || 'x' } })
      expect(res.statusCode).toBe(401)
    }
  })

  it('refuses a wrong state, and a state started in another browser', async () => {
    const { authorizationUrl, cookie } = await start()
    const params = await signInAtProvider(authorizationUrl, 'anne', REDIRECT_URI)
    const wrong = await callback({ ...params, state: `${params.state}x` }, cookie)
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.code).toBe('sso_flow_invalid')
    const otherBrowser = await callback(params, `${SSO_BROWSER_COOKIE}=${(await start()).cookie.split('=')[1]}`)
    expect(otherBrowser.json().error.code).toBe('sso_flow_invalid')
    // Neither attempt used the sign-in up: the right browser still finishes it.
    expect((await callback(params, cookie)).statusCode).toBe(200)
  })

  it('refuses a replayed code: the same answer twice, and the code with a new sign-in', async () => {
    const { res, params, cookie } = await ssoSignIn('anne')
    expect(res.statusCode).toBe(200)
    const twice = await callback(params, cookie)
    expect(twice.json().error.code).toBe('sso_flow_invalid')
    // An attacker who saw the code starts their own sign-in and hands in the old code with it.
    const own = await start()
    const ownParams = await signInAtProvider(own.authorizationUrl, 'carla', REDIRECT_URI)
    const replay = await callback({ ...ownParams, code: params.code as string }, own.cookie)
    expect(replay.statusCode).toBe(401)
    expect(replay.json().error.code).toBe('sso_rejected')
    expect(cookieOf(replay, 'meepraat_session')).toBeUndefined()
  })

  it('refuses an ID token for another audience, even with the provider\'s valid signature', async () => {
    provider.forgeAudience = provider.otherClient.id
    const { res } = await ssoSignIn('anne')
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('sso_rejected')
    expect(cookieOf(res, 'meepraat_session')).toBeUndefined()
    expect(await accountOf('anne@beverwijk.nl')).toBeUndefined()
    expect(await auditActions()).toContain('auth.sso.refused')
  })

  it('refuses someone whose claims map to no role, and makes no account', async () => {
    const { res } = await ssoSignIn('carla')
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('sso_no_role')
    expect(await accountOf('carla@beverwijk.nl')).toBeUndefined()
  })

  it('applies the role mapping: the admin group gives admin, and a changed group changes the role at the next sign-in', async () => {
    const bert = await ssoSignIn('bert')
    expect(bert.res.json()).toMatchObject({ email: 'bert@beverwijk.nl', role: 'admin' })
    provider.users.set('bert', { email: 'bert@beverwijk.nl', groups: ['meepraat-medewerkers'] })
    expect((await ssoSignIn('bert')).res.json().role).toBe('official')
    expect((await accountOf('bert@beverwijk.nl'))?.role).toBe('official')
    expect(await auditActions()).toContain('auth.sso.roleChanged')
  })

  it('disables the account and ends its sessions when the provider no longer gives a role at the next sign-in', async () => {
    const first = await ssoSignIn('anne')
    const session = cookieOf(first.res, 'meepraat_session') as string
    provider.users.set('anne', { email: 'anne@beverwijk.nl', groups: [] })
    const next = await ssoSignIn('anne')
    expect(next.res.statusCode).toBe(403)
    expect(next.res.json().error.code).toBe('sso_no_role')
    expect((await accountOf('anne@beverwijk.nl'))?.disabledAt).not.toBeNull()
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(401)
    expect(await auditActions()).toContain('auth.sso.disabled')
    // Given the role back at the provider, the account stays off until an admin turns it on.
    provider.users.set('anne', { email: 'anne@beverwijk.nl', groups: ['meepraat-medewerkers'] })
    expect((await ssoSignIn('anne')).res.json().error.code).toBe('account_disabled')
  })

  it('without account creation, an unknown person is refused and an existing account is linked by its e-mail address', async () => {
    expect((await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: ssoInput({ mapping: { ...ssoInput().mapping, createAccounts: false } }) })).statusCode).toBe(200)
    const unknown = await ssoSignIn('anne')
    expect(unknown.res.json().error.code).toBe('sso_account_unknown')
    await givenOfficial(t.db, 'beverwijk', 'official', 'anne@beverwijk.nl')
    const linked = await ssoSignIn('anne')
    expect(linked.res.statusCode).toBe(200)
    // The password account keeps its password too while password sign-in is on.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'anne@beverwijk.nl', password: TEST_PASSWORD } })).statusCode).toBe(200)
  })

  it('refuses an account of another municipality with the same e-mail address', async () => {
    await givenMunicipality(t.db, 'velsen', 'Velsen')
    await givenOfficial(t.db, 'velsen', 'official', 'anne@beverwijk.nl')
    const { res } = await ssoSignIn('anne')
    expect(res.json().error.code).toBe('sso_wrong_municipality')
  })

  it('with a municipality claim (a provider several municipalities share), only people with this municipality\'s value get in', async () => {
    const mapping = { ...ssoInput().mapping, municipalityClaim: 'gemeente', municipalityValue: '0375' }
    expect((await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: ssoInput({ mapping }) })).statusCode).toBe(200)
    provider.users.set('anne', { email: 'anne@beverwijk.nl', groups: ['meepraat-medewerkers'], gemeente: '0453' })
    expect((await ssoSignIn('anne')).res.json().error.code).toBe('sso_wrong_municipality')
    provider.users.set('anne', { email: 'anne@beverwijk.nl', groups: ['meepraat-medewerkers'], gemeente: '0375' })
    expect((await ssoSignIn('anne')).res.statusCode).toBe(200)
  })

  it('lists municipalities with single sign-on for the login page, and refuses to start where it is off', async () => {
    const providers = await t.app.inject({ method: 'GET', url: '/api/auth/sso/providers' })
    expect(providers.json()).toEqual([{ municipality: 'beverwijk', municipalityName: 'Beverwijk', displayName: 'Gemeente Beverwijk ID' }])
    await givenMunicipality(t.db, 'velsen', 'Velsen')
    const off = await t.app.inject({ method: 'POST', url: '/api/auth/sso/velsen/start', payload: {} })
    expect(off.statusCode).toBe(404)
    expect(off.json().error.code).toBe('sso_not_configured')
  })

  it('refuses a start posted from another site', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sso/beverwijk/start', payload: {}, headers: { origin: 'https://evil.example' } })
    expect(res.statusCode).toBe(403)
  })
})

describe('the municipality\'s sign-in settings', () => {
  it('never returns the client secret, and stores it sealed, not as plain text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/official/sign-in-settings', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain(provider.client.secret)
    expect(res.json()).toMatchObject({ passwordSignIn: true, redirectUri: REDIRECT_URI, sso: { clientSecretSet: true, clientId: provider.client.id } })
    const [row] = await t.db.select().from(municipalitySignIn)
    expect(row?.ssoClientSecretSealed).toMatch(/^v1\./)
    expect(JSON.stringify(row)).not.toContain(provider.client.secret)
  })

  it('keeps the stored secret when an update leaves it out, and audits the names of changed fields only', async () => {
    const { clientSecret: _left, ...withoutSecret } = ssoInput({ displayName: 'Inlog Beverwijk' })
    const res = await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: withoutSecret })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().sso).toMatchObject({ displayName: 'Inlog Beverwijk', clientSecretSet: true })
    expect((await ssoSignIn('anne')).res.statusCode).toBe(200)
    const entries = (await t.db.select().from(auditLog)).filter((a) => a.action === 'signIn.settings.update')
    expect(entries.at(-1)?.details).toEqual({ fields: ['sso.displayName'] })
    expect(JSON.stringify(entries)).not.toContain(provider.client.secret)
  })

  it('refuses to switch password sign-in off while single sign-on is off', async () => {
    const res = await putSettings({ passwordSignIn: false, requireSecondFactor: false, sso: ssoInput({ enabled: false }) })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('password_sign_in_required')
  })

  it('refuses a provider that does not answer discovery, and single sign-on without a secret', async () => {
    const unreachable = await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: ssoInput({ issuer: 'http://127.0.0.1:9/nobody' }) })
    expect(unreachable.statusCode).toBe(400)
    expect(unreachable.json().error.code).toBe('sso_issuer_unreachable')
    await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: null })
    const { clientSecret: _left, ...withoutSecret } = ssoInput()
    const noSecret = await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: withoutSecret })
    expect(noSecret.json().error.code).toBe('sso_client_secret_missing')
  })

  it('refuses an issuer over plain HTTP that is not this machine', async () => {
    const res = await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: ssoInput({ issuer: 'http://login.example.nl' }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
  })

  it('with password sign-in off, the right password is refused with a clear code, a wrong one as before', async () => {
    await givenOfficial(t.db, 'beverwijk', 'official')
    expect((await putSettings({ passwordSignIn: false, requireSecondFactor: false, sso: ssoInput() })).statusCode).toBe(200)
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: TEST_PASSWORD } })
    expect(right.statusCode).toBe(403)
    expect(right.json().error.code).toBe('password_sign_in_off')
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: 'not-the-password' } })
    expect(wrong.statusCode).toBe(401)
    // Single sign-on still works.
    expect((await ssoSignIn('anne')).res.statusCode).toBe(200)
  })

  it('only an admin of the municipality reads or changes them', async () => {
    await givenOfficial(t.db, 'beverwijk', 'official')
    const official = await signIn(t.app, 'official@beverwijk.nl')
    expect((await t.app.inject({ method: 'GET', url: '/api/official/sign-in-settings', headers: official.headers })).statusCode).toBe(403)
    expect((await putSettings({ passwordSignIn: true, requireSecondFactor: false, sso: null }, official)).statusCode).toBe(403)
  })
})
