import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/server/config'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'

let t: TestApp | undefined
afterEach(async () => t?.close())

describe('the session time-out the back office warns about', () => {
  it('tells the client the idle time-out and the fixed end in GET /api/auth/me', async () => {
    t = await createTestApp({ sessionIdleMs: 150_000 })
    await givenMunicipality(t.db)
    await givenOfficial(t.db, 'beverwijk')
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json() as { sessionIdleSeconds: number; sessionExpiresAt: string }
    expect(me.sessionIdleSeconds).toBe(150)
    expect(Date.parse(me.sessionExpiresAt)).toBe(t.clock.now.getTime() + 12 * 3_600_000)
  })

  it('ends a session after the configured idle time, and any request before it renews the session', async () => {
    t = await createTestApp({ sessionIdleMs: 150_000 })
    await givenMunicipality(t.db)
    await givenOfficial(t.db, 'beverwijk')
    const s = await signIn(t.app, 'official@beverwijk.nl')
    const me = () => t!.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })
    t.clock.advance(140_000)
    expect((await me()).statusCode).toBe(200)
    t.clock.advance(140_000)
    expect((await me()).statusCode).toBe(200)
    t.clock.advance(151_000)
    expect((await me()).statusCode).toBe(401)
  })

  it('reads SESSION_IDLE_SECONDS (two hours by default, at least 150 s)', () => {
    expect(loadConfig({}).sessionIdleMs).toBe(2 * 3_600_000)
    expect(loadConfig({ SESSION_IDLE_SECONDS: '150' }).sessionIdleMs).toBe(150_000)
    expect(() => loadConfig({ SESSION_IDLE_SECONDS: '60' })).toThrow(/SESSION_IDLE_SECONDS/)
  })
})
