import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEVICE_KEY_SECRET_FILE, resolveDeviceKeySecret } from '../../../src/server/auth/device-key-secret'
import { loadConfig } from '../../../src/server/config'

const dirs: string[] = []
const newDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meepraat-secret-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the device key secret', () => {
  it('is required in production, in one sentence naming DEVICE_KEY_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail' })).toThrow(/^DEVICE_KEY_SECRET is required when NODE_ENV=production/)
    expect(() => loadConfig({ DEVICE_KEY_SECRET: 'short' })).toThrow(/DEVICE_KEY_SECRET must be at least 32 characters/)
  })

  it('comes from DEVICE_KEY_SECRET when set, and then nothing is written to DATA_DIR', () => {
    const dataDir = newDataDir()
    const secret = 'k'.repeat(40)
    expect(resolveDeviceKeySecret(loadConfig({ DATA_DIR: dataDir, DEVICE_KEY_SECRET: secret }))).toBe(secret)
    expect(() => statSync(path.join(dataDir, DEVICE_KEY_SECRET_FILE))).toThrow(/ENOENT/)
  })

  it('is generated once into DATA_DIR with mode 0600 outside production and reused on the next start, also for PostgreSQL', () => {
    const dataDir = path.join(newDataDir(), 'not-yet-made')
    const first = resolveDeviceKeySecret(loadConfig({ DATA_DIR: dataDir }))
    const file = path.join(dataDir, DEVICE_KEY_SECRET_FILE)
    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8').trim()).toBe(first)
    expect(resolveDeviceKeySecret(loadConfig({ DATA_DIR: dataDir }))).toBe(first)
    expect(resolveDeviceKeySecret(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u@h/db' }))).toBe(first)
  })

  it('refuses a damaged secret file instead of silently making a new secret', () => {
    const dataDir = newDataDir()
    writeFileSync(path.join(dataDir, DEVICE_KEY_SECRET_FILE), 'too short\n')
    expect(() => resolveDeviceKeySecret(loadConfig({ DATA_DIR: dataDir }))).toThrow(/does not hold a device key secret/)
  })
})
