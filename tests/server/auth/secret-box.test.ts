import { describe, expect, it } from 'vitest'
import { createSecretBox } from '../../../src/server/auth/secret-box'

const SECRET = 'a-session-secret-of-at-least-32-characters'

describe('sealed secrets (AES-256-GCM under a key derived from SESSION_SECRET)', () => {
  it('opens what it sealed, and never shows the plain text in the sealed form', () => {
    const box = createSecretBox(SECRET)
    const sealed = box.seal('sso-client-secret', 'client-secret-123')
    expect(sealed).toMatch(/^v1\./)
    expect(sealed).not.toContain('client-secret-123')
    expect(box.open('sso-client-secret', sealed)).toBe('client-secret-123')
  })

  it('seals the same text differently each time (a fresh IV)', () => {
    const box = createSecretBox(SECRET)
    expect(box.seal('totp-secret', 'x')).not.toBe(box.seal('totp-secret', 'x'))
  })

  it('does not open under another server secret, for another purpose, or when altered', () => {
    const sealed = createSecretBox(SECRET).seal('sso-client-secret', 'client-secret-123')
    expect(createSecretBox(`${SECRET}-changed`).open('sso-client-secret', sealed)).toBeNull()
    expect(createSecretBox(SECRET).open('totp-secret', sealed)).toBeNull()
    const parts = sealed.split('.')
    const body = Buffer.from(parts[3] as string, 'base64url')
    body[0] = (body[0] as number) ^ 1
    expect(createSecretBox(SECRET).open('sso-client-secret', [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeNull()
    expect(createSecretBox(SECRET).open('sso-client-secret', 'not-sealed')).toBeNull()
  })
})
