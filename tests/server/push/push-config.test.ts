import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import webpush from 'web-push'
import { loadPushSettings } from '../../../src/server/push/push-config'
import { buildApp } from '../../../src/server/app'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase } from '../../support/test-database'

const dirs: string[] = []
const dir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'meepraat-push-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const context = (dataDir: string, over: Partial<{ embedded: boolean; production: boolean }> = {}) => ({ dataDir, embedded: true, production: false, publicUrl: 'https://meepraat.beverwijk.nl', ...over })

describe('Web Push settings', () => {
  it('generates VAPID keys once into DATA_DIR for the embedded database and reuses them', () => {
    const d = dir()
    const first = loadPushSettings({}, context(d))
    const second = loadPushSettings({}, context(d))
    expect(first?.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/)
    expect(second?.vapid).toEqual(first?.vapid)
    expect(statSync(path.join(d, 'vapid-keys.json')).mode & 0o777).toBe(0o600)
    expect(first?.vapid.subject).toBe('https://meepraat.beverwijk.nl')
  })

  it('takes keys from the environment, and stays off on PostgreSQL without them', () => {
    const keys = webpush.generateVAPIDKeys()
    const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:beheer@beverwijk.nl' }
    expect(loadPushSettings(env, context(dir(), { embedded: false }))?.vapid).toEqual({ ...keys, subject: 'mailto:beheer@beverwijk.nl' })
    expect(loadPushSettings({}, context(dir(), { embedded: false }))).toBeUndefined()
  })

  it('refuses private push endpoints in production, and half a key pair', () => {
    expect(() => loadPushSettings({ PUSH_ALLOW_PRIVATE_ENDPOINTS: '1' }, context(dir(), { production: true }))).toThrow('PUSH_ALLOW_PRIVATE_ENDPOINTS=1 is refused when NODE_ENV=production')
    expect(() => loadPushSettings({ VAPID_PUBLIC_KEY: webpush.generateVAPIDKeys().publicKey }, context(dir()))).toThrow('go together')
  })

  it('serves the public key to browsers when push is on, and 404 when it is off', async () => {
    const testDb = await createTestDatabase()
    const settings = loadPushSettings({}, context(dir()))!
    const on = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier(), push: settings })
    const off = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier() })
    try {
      const res = await on.inject({ method: 'GET', url: '/api/push/public-key' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ publicKey: settings.vapid.publicKey })
      expect((await off.inject({ method: 'GET', url: '/api/push/public-key' })).statusCode).toBe(404)
    } finally {
      await on.close()
      await off.close()
      await testDb.dispose()
    }
  })
})
