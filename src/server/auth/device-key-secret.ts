import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config'

/** Where a generated secret lives in DATA_DIR (outside production only). */
export const DEVICE_KEY_SECRET_FILE = 'device-key-secret'

/**
 * The secret of the per-purpose device keys. Production must set `DEVICE_KEY_SECRET` (config
 * refuses to start otherwise). Elsewhere an unset secret is generated once into
 * `DATA_DIR/device-key-secret` (mode 0600) and read back on every later start, for the embedded
 * database and for PostgreSQL alike: a new secret would make every device a stranger to its own
 * answers and sign-ups. A backup therefore needs this secret too, to keep devices recognised.
 */
export function resolveDeviceKeySecret(config: Pick<Config, 'deviceKeySecret' | 'dataDir' | 'production'>): string {
  if (config.deviceKeySecret) return config.deviceKeySecret
  if (config.production) throw new Error('DEVICE_KEY_SECRET is required when NODE_ENV=production')
  const file = path.join(config.dataDir, DEVICE_KEY_SECRET_FILE)
  const existing = readSecretFile(file)
  if (existing !== undefined) return existing
  mkdirSync(config.dataDir, { recursive: true })
  // Written whole to a temporary name, then linked into place: a link never replaces a file, so
  // of two processes starting at once one secret wins and both read that one, never half a file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(temporary, 0o600)
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temporary, { force: true })
  }
  const written = readSecretFile(file)
  if (written === undefined) throw new Error(`${file} is empty: remove it or set DEVICE_KEY_SECRET`)
  return written
}

function readSecretFile(file: string): string | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const secret = text.trim()
  if (secret.length < 32) throw new Error(`${file} does not hold a device key secret of at least 32 characters: restore it from the backup, or set DEVICE_KEY_SECRET`)
  return secret
}
