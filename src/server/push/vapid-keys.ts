import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import webpush from 'web-push'

export interface VapidKeys {
  publicKey: string
  privateKey: string
  /** `mailto:` or `https:` contact the push services can reach the sender at (RFC 8292). */
  subject: string
}

const FILE = 'vapid-keys.json'

/**
 * The VAPID keys: from the environment when set; for the embedded database without them,
 * generated once into DATA_DIR and reused (a new key would orphan every subscription). With
 * PostgreSQL and no keys, several processes could each make their own, so push stays off.
 */
export function resolveVapidKeys(options: { publicKey?: string | undefined; privateKey?: string | undefined; subject?: string | undefined; dataDir: string; embedded: boolean; defaultSubject: string }): VapidKeys | undefined {
  const subject = options.subject ?? options.defaultSubject
  if (options.publicKey && options.privateKey) return { publicKey: options.publicKey, privateKey: options.privateKey, subject }
  if (!options.embedded) return undefined
  const file = path.join(options.dataDir, FILE)
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string }
    return { ...stored, subject }
  }
  const keys = webpush.generateVAPIDKeys()
  mkdirSync(options.dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' })
  return { ...keys, subject }
}
