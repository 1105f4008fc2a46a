import { createHash, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/**
 * TOTP (RFC 6238) with the defaults every authenticator app understands: SHA-1, 6 digits,
 * 30-second steps. One step either side is accepted for clock drift; the step a code matched is
 * returned so the caller can refuse it a second time.
 */
const PERIOD_S = 30
const ISSUER = 'Meepraat'

const totpOf = (secretBase32: string, label = '') => new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) })

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// address an app reads from the QR code, and its SVG picture. */
export async function enrolmentOf(secretBase32: string, email: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totpOf(secretBase32, email).toString()
  return { uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) }
}

/** The time step the code belongs to when it is right (within one step of `now`), else null. */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totpOf(secretBase32).validate({ token, timestamp: now.getTime(), window: 1 })
  return delta === null ? null : TOTP.counter({ period: PERIOD_S, timestamp: now.getTime() }) + delta
}

/** The code for a moment (tests and the e2e compute codes the way an app does). */
export function codeAt(secretBase32: string, at: Date): string {
  return totpOf(secretBase32).generate({ timestamp: at.getTime() })
}

export const RECOVERY_CODE_COUNT = 10
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten codes of 10 characters from a 31-letter alphabet (about 50 bits each), shown as xxxxx-xxxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** Recovery codes are random enough that a plain hash keeps them safe; typing variations count as one. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`).digest('base64url')
}

