import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Seals secrets the server must read back (an identity provider's client secret, a TOTP secret)
 * with AES-256-GCM. The key is derived from SESSION_SECRET with HKDF, one key per purpose, so no
 * second secret has to be managed; changing SESSION_SECRET makes sealed secrets unreadable
 * (they are entered again: `open` returns null and the caller says so).
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url. The purpose is also the additional
 * authenticated data, so a value sealed for one purpose cannot be opened as another.
 */
export type SecretPurpose = 'sso-client-secret' | 'totp-secret'

export interface SecretBox {
  seal(purpose: SecretPurpose, plain: string): string
  /** The plain text, or null when the value was sealed under another key or altered. */
  open(purpose: SecretPurpose, sealed: string): string | null
}

export function createSecretBox(serverSecret: string): SecretBox {
  const keys = new Map<SecretPurpose, Buffer>()
  const keyFor = (purpose: SecretPurpose) => {
    let key = keys.get(purpose)
    if (!key) keys.set(purpose, (key = Buffer.from(hkdfSync('sha256', serverSecret, 'meepraat', `secret-box/${purpose}`, 32))))
    return key
  }
  return {
    seal(purpose, plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv)
      cipher.setAAD(Buffer.from(purpose))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
    },
    open(purpose, sealed) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(purpose))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
