import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { loadConfig } from '../../../src/server/config'
import { SECURITY_TXT_VALID_DAYS } from '../../../src/server/plugins/security-txt'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const NOW = new Date('2026-12-01T15:30:00Z')
let held: { close(): Promise<unknown> }[] = []
afterEach(async () => {
  for (const h of held.reverse()) await h.close()
  held = []
})

async function appWith(env: Record<string, string>) {
  const config = loadConfig({ ...env })
  const testDb: TestDatabase = await createTestDatabase()
  const app = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier(), clock: () => NOW, publicUrl: config.publicUrl, securityTxt: config.securityTxt })
  held.push({ close: () => testDb.dispose() }, app)
  return app
}

describe('GET /.well-known/security.txt', () => {
  it('answers RFC 9116 text with the contact, Expires at most 180 days ahead and the policy', async () => {
    const app = await appWith({ SECURITY_CONTACT: 'security@gemeente.example', SECURITY_POLICY_URL: 'https://gemeente.example/security', PUBLIC_URL: 'https://meepraat.gemeente.example' })
    const res = await app.inject({ method: 'GET', url: '/.well-known/security.txt' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    const fields = Object.fromEntries(res.body.trim().split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]))
    expect(fields.Contact).toBe('mailto:security@gemeente.example')
    expect(fields.Policy).toBe('https://gemeente.example/security')
    expect(fields.Canonical).toBe('https://meepraat.gemeente.example/.well-known/security.txt')
    const expires = new Date(fields.Expires!)
    expect(expires.getTime()).toBeGreaterThan(NOW.getTime())
    expect(expires.getTime() - NOW.getTime()).toBeLessThanOrEqual(SECURITY_TXT_VALID_DAYS * 86_400_000)
  })

  it('leaves Policy out when no policy URL is set, and keeps a URI contact as it is', async () => {
    const app = await appWith({ SECURITY_CONTACT: 'https://gemeente.example/kwetsbaarheid-melden' })
    const res = await app.inject({ method: 'GET', url: '/.well-known/security.txt' })
    expect(res.body).toContain('Contact: https://gemeente.example/kwetsbaarheid-melden\n')
    expect(res.body).not.toContain('Policy:')
  })

  it('answers 404 when the installation names no security contact', async () => {
    const app = await appWith({})
    const res = await app.inject({ method: 'GET', url: '/.well-known/security.txt' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('not_found')
  })

  it('refuses a contact that is not an address or URI, and a policy that is not https', () => {
    expect(() => loadConfig({ SECURITY_CONTACT: 'call us' })).toThrow(/SECURITY_CONTACT/)
    expect(() => loadConfig({ SECURITY_CONTACT: 'a@b.example', SECURITY_POLICY_URL: 'http://gemeente.example/policy' })).toThrow(/SECURITY_POLICY_URL/)
  })
})
