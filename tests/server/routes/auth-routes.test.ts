import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MeSchema } from '../../../src/shared/schemas/official'
import { ACCOUNT_FAILURES_BEFORE_DELAY, MAX_ACCOUNT_DELAY_MS } from '../../../src/server/auth/login-throttle'
import { MAX_FAILURES_PER_TRUSTED_BROWSER, TRUSTED_BROWSER_COOKIE } from '../../../src/server/auth/trusted-browser'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, TEST_PASSWORD } from '../../support/officials'
import { createMemoryNotifier } from '../../support/memory-notifier'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
})
afterEach(async () => t.close())

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers })

describe('POST /api/auth/login', () => {
  it('signs in with the right password and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await login('official@beverwijk.nl', TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    const me = MeSchema.parse(res.json())
    expect(me).toMatchObject({ email: 'official@beverwijk.nl', municipality: 'beverwijk', role: 'official' })
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/meepraat_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(res.body).not.toContain('password')
  })

  it('treats the e-mail address case-insensitively', async () => {
    expect((await login('Official@Beverwijk.NL', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('refuses a wrong password and an unknown account with the same 401', async () => {
    const wrong = await login('official@beverwijk.nl', 'not-the-password')
    const unknown = await login('nobody@beverwijk.nl', 'not-the-password')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json()).toEqual(unknown.json())
  })

  it('locks the address that guessed wrong 5 times out of that account for 15 minutes, the right password too', async () => {
    for (let i = 0; i < 5; i++) expect((await login('official@beverwijk.nl', `wrong-${i}`)).statusCode).toBe(401)
    const blocked = await login('official@beverwijk.nl', TEST_PASSWORD)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().error.message).toMatch(/15 minutes/)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    t.clock.advance(16 * 60 * 1000)
    expect((await login('official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('rate-limits one address trying many accounts', async () => {
    for (let i = 0; i < 20; i++) await login(`user${i}@beverwijk.nl`, 'wrong-password')
    expect((await login('official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(429)
  })

  it('refuses a sign-in posted from another site', async () => {
    const res = await login('official@beverwijk.nl', TEST_PASSWORD, { origin: 'https://evil.example' })
    expect(res.statusCode).toBe(403)
  })

  it('gives a new session id at every sign-in (no session fixation)', async () => {
    const first = await signIn(t.app, 'official@beverwijk.nl')
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: TEST_PASSWORD }, headers: { cookie: first.cookie } })
    const second = String(res.headers['set-cookie']).split(';')[0]
    expect(second).not.toBe(first.cookie)
    // The old session is gone.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401)
  })

  it('never logs or returns the password', async () => {
    const lines: string[] = []
    const { buildApp } = await import('../../../src/server/app')
    const { Writable } = await import('node:stream')
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
    const logged = await buildApp({ database: { db: t.db, kind: 'embedded', close: async () => {}, lockClient: () => Promise.reject(new Error('no')), poolStats: () => null }, logger: { level: 'trace', stream }, ownsDatabase: false, notifier: createMemoryNotifier() })
    await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: TEST_PASSWORD } })
    await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'official@beverwijk.nl', password: 'wrong-secret-123' } })
    await logged.close()
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).not.toContain(TEST_PASSWORD)
    expect(lines.join('\n')).not.toContain('wrong-secret-123')
  })
})

describe('sessions', () => {
  it('GET /api/auth/me answers the official with a CSRF token, and 401 without a session', async () => {
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })
    expect(MeSchema.parse(me.json()).csrfToken).toBe(s.csrf)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401)
  })

  it('expires after 2 hours without use', async () => {
    const s = await signIn(t.app, 'official@beverwijk.nl')
    t.clock.advance(2 * 60 * 60 * 1000 + 1000)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401)
  })

  it('refuses a forged or tampered cookie', async () => {
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const tampered = s.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: tampered } })).statusCode).toBe(401)
  })

  it('signs out: the session no longer works and the browser is told to clear its cache', async () => {
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })
    expect(out.statusCode).toBe(200)
    expect(out.headers['clear-site-data']).toContain('cache')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401)
  })

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async () => {
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } })
    expect(none.statusCode).toBe(403)
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } })
    expect(wrong.statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200)
  })
})

describe('sign-in limits under parallel guessing (review finding)', () => {
  it('lets at most 5 wrong passwords through when 30 arrive at once', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login('official@beverwijk.nl', `wrong-guess-${i}`)))
    const checked = results.filter((r) => r.statusCode === 401)
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(results.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(25)
  })
})

describe('sign-in throttling per account and per real address (issue 9 item 6)', () => {
  const from = (address: string) => ({ remoteAddress: address })
  const loginFrom = (address: string, email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers, ...from(address) })

  it('lets the right password in from another address after 5 wrong guesses from one address', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom('198.51.100.1', 'official@beverwijk.nl', `wrong-${i}`)).statusCode).toBe(401)
    expect((await loginFrom('198.51.100.1', 'official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(429)
    expect((await loginFrom('198.51.100.2', 'official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('does not count attempts the throttle refused, so hammering a lock does not extend it', async () => {
    for (let i = 0; i < 5; i++) await loginFrom('198.51.100.1', 'official@beverwijk.nl', `wrong-${i}`)
    t.clock.advance(10 * 60 * 1000)
    for (let i = 0; i < 10; i++) expect((await loginFrom('198.51.100.1', 'official@beverwijk.nl', `again-${i}`)).statusCode).toBe(429)
    // 16 minutes after the 5 real failures, the 10 refused attempts 6 minutes ago do not hold the lock.
    t.clock.advance(6 * 60 * 1000)
    expect((await loginFrom('198.51.100.1', 'official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('treats different spellings of one e-mail address as one account', async () => {
    for (let i = 0; i < 5; i++) await loginFrom('198.51.100.1', i % 2 ? 'Official@Beverwijk.NL' : 'official@beverwijk.nl', `wrong-${i}`)
    expect((await loginFrom('198.51.100.1', 'OFFICIAL@beverwijk.nl', 'wrong-again')).statusCode).toBe(429)
  })

  it('slows down guesses on one account from ever new addresses, while the delay stays short enough to sign in', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await loginFrom(`203.0.113.${i + 1}`, 'official@beverwijk.nl', `wrong-${i}`)).statusCode)
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_FAILURES_BEFORE_DELAY)
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - ACCOUNT_FAILURES_BEFORE_DELAY)
    // The real official, from an address that never failed, waits at most the capped delay.
    const waiting = await loginFrom('192.0.2.50', 'official@beverwijk.nl', TEST_PASSWORD)
    expect(waiting.statusCode).toBe(429)
    expect(Number(waiting.headers['retry-after']) * 1000).toBeLessThanOrEqual(MAX_ACCOUNT_DELAY_MS)
    t.clock.advance(MAX_ACCOUNT_DELAY_MS)
    expect((await loginFrom('192.0.2.50', 'official@beverwijk.nl', TEST_PASSWORD)).statusCode).toBe(200)
  })
})

describe('an attacker guessing one account from many addresses does not keep its owner out (issue 14 item 5)', () => {
  const email = 'official@beverwijk.nl'
  const attempt = (address: string, password: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: address, headers: cookie ? { cookie } : {} })
  const trustedCookieOf = (res: { headers: Record<string, unknown> }) =>
    [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${TRUSTED_BROWSER_COOKIE}=`))?.split(';')[0]
  /** Guesses from ever new addresses until the account-wide delay holds, the way a botnet would. */
  async function guessUntilDelayed() {
    for (let i = 0; i < ACCOUNT_FAILURES_BEFORE_DELAY + 5; i++) await attempt(`203.0.113.${i + 1}`, `wrong-${i}`)
    // The attacker takes the next free slot the moment it opens (refused attempts cost nothing).
    t.clock.advance(MAX_ACCOUNT_DELAY_MS)
    expect((await attempt('203.0.113.200', 'wrong-again')).statusCode).toBe(401)
  }

  it('a sign-in sets an HttpOnly trusted-browser cookie that names the account by hash only', async () => {
    const res = await attempt('192.0.2.50', TEST_PASSWORD)
    const cookie = [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${TRUSTED_BROWSER_COOKIE}=`))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).not.toContain('beverwijk')
  })

  it('the owner signs in at once from a browser that signed in before, even from a fresh address while the account is delayed', async () => {
    const trusted = trustedCookieOf(await attempt('192.0.2.50', TEST_PASSWORD))
    expect(trusted).toBeDefined()
    await guessUntilDelayed()
    // Without the cookie the owner would lose the race for the slot the attacker just took.
    expect((await attempt('192.0.2.99', TEST_PASSWORD)).statusCode).toBe(429)
    expect((await attempt('192.0.2.99', TEST_PASSWORD, trusted)).statusCode).toBe(200)
  })

  it('a trusted-browser cookie for another account, or a forged one, does not skip the delay', async () => {
    await givenOfficial(t.db, 'beverwijk', 'admin')
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@beverwijk.nl', password: TEST_PASSWORD }, remoteAddress: '192.0.2.50' })
    const otherAccount = trustedCookieOf(res)
    await guessUntilDelayed()
    expect((await attempt('192.0.2.99', TEST_PASSWORD, otherAccount)).statusCode).toBe(429)
    expect((await attempt('192.0.2.99', TEST_PASSWORD, `${TRUSTED_BROWSER_COOKIE}=${'a'.repeat(22)}.${'b'.repeat(22)}`)).statusCode).toBe(429)
  })

  it('a stolen trusted-browser cookie gives no fast guessing: after 5 failures with it the delay applies again', async () => {
    const trusted = trustedCookieOf(await attempt('192.0.2.50', TEST_PASSWORD))
    await guessUntilDelayed()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await attempt(`198.51.100.${i + 1}`, `stolen-${i}`, trusted)).statusCode)
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_TRUSTED_BROWSER)
    expect(statuses.slice(MAX_FAILURES_PER_TRUSTED_BROWSER).every((s) => s === 429)).toBe(true)
  })
})

describe('client address behind a reverse proxy (TRUST_PROXY)', () => {
  let proxied: TestApp
  afterEach(async () => proxied?.close())

  for (const [label, trustProxy] of [['a hop count of 1', 1], ['the proxy address', ['10.0.0.5']]] as const) {
    it(`with ${label}, a rotating X-Forwarded-For cannot bypass the limit: the address the proxy appended counts`, async () => {
      proxied = await createTestApp({ trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] })
      await givenMunicipality(proxied.db)
      await givenOfficial(proxied.db, 'beverwijk')
      const viaProxy = (forwardedFor: string, password: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'official@beverwijk.nl', password },
          headers: { 'x-forwarded-for': forwardedFor },
          remoteAddress: '10.0.0.5',
        })
      const statuses: number[] = []
      // The client makes up the first entry; the proxy (10.0.0.5) appends the address it saw.
      for (let i = 0; i < 60; i++) statuses.push((await viaProxy(`192.0.2.${i + 1}, 198.51.100.77`, `wrong-${i}`)).statusCode)
      expect(statuses.filter((s) => s === 401)).toHaveLength(5)
      // A made-up fresh first entry does not make the guessing address look new ...
      expect((await viaProxy('192.0.2.250, 198.51.100.77', TEST_PASSWORD)).statusCode).toBe(429)
      // ... while the official behind the same proxy from another real address signs in.
      expect((await viaProxy('198.51.100.78', TEST_PASSWORD)).statusCode).toBe(200)
    })
  }
})
