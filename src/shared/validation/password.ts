import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../schemas/official'

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_email' | 'too_common' | 'too_simple'

/** Passwords seen in every breach list; refused whatever their length. */
const COMMON = [
  'password',
  'wachtwoord',
  'welkom',
  'welcome',
  'qwerty',
  'azerty',
  '123456',
  'letmein',
  'admin',
  'gemeente',
  'meepraat',
  'iloveyou',
  'zomer',
  'winter',
]

/**
 * Why a password is refused, or null when it is fine. Follows NIST 800-63B: length over
 * complexity rules, and no passwords that are the e-mail address or a known breached pattern.
 */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short'
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long'
  const lower = password.toLowerCase()
  const local = email.toLowerCase().split('@')[0] ?? ''
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'contains_email'
  const stripped = lower.replace(/[^a-z]/g, '')
  if (COMMON.some((c) => stripped === c || stripped === c + c || lower.startsWith(c) && lower.replace(c, '').replace(/[0-9!@#$%^&*.]/g, '') === '')) return 'too_common'
  if (new Set(lower).size < 5) return 'too_simple'
  return null
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `Password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  contains_email: 'Password must not be or contain the e-mail address',
  too_common: 'Password is a known, easily guessed password',
  too_simple: 'Password uses too few different characters',
}
