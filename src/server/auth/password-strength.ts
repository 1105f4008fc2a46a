import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/schemas/official'
import type { PasswordStrengthProblem } from '../../shared/schemas/password-strength'
import { DomainError } from '../errors'

/**
 * The lowest zxcvbn score accepted (0-4). Score 3 (about 10^8 guesses) still lets through
 * `Summer2024!!`, `Winter2023!!` and `Abcdefgh1234` (each just at 10^8); officials hold admin power, so we
 * ask for 4 (10^10 guesses or more), which four random words or 12 random characters reach.
 */
export const MIN_PASSWORD_SCORE = 4

/**
 * zxcvbn's dictionaries (common passwords, Dutch words and names) are several megabytes: they are
 * loaded once, on first use, so a server that never checks a password never pays for them and the
 * client bundle never contains them (this module lives in src/server).
 */
let estimator: Promise<ZxcvbnFactory> | null = null

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, dutch] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-nl-be')])
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...dutch.dictionary },
      graphs: common.adjacencyGraphs,
      useLevenshteinDistance: true,
      maxLength: MAX_PASSWORD_LENGTH,
    })
  })()
  return estimator
}

/** What the person's password must not be built from: their e-mail address and their municipality. */
export interface PasswordContext {
  email: string
  municipalityName?: string | undefined
  municipalitySlug?: string | undefined
}

function userInputs(context: PasswordContext): string[] {
  const [local = '', domain = ''] = context.email.toLowerCase().split('@')
  const parts = [local, ...local.split(/[._+-]+/), ...domain.split('.'), context.municipalityName ?? '', context.municipalitySlug ?? '']
  const nameParts = (context.municipalityName ?? '').toLowerCase().split(/[\s'-]+/)
  return [...new Set([...parts, ...nameParts].map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 3))]
}

/**
 * Why a password is refused, or null when it is strong enough. The keys are zxcvbn's own
 * feedback keys (`warnings.*`, `suggestions.*`): the back office words them in Dutch or English
 * under `beheer.passwordStrength`, the CLI through its own table.
 */
export async function passwordStrengthProblem(password: string, context: PasswordContext): Promise<PasswordStrengthProblem | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return { code: 'too_short', warning: null, suggestions: [] }
  if (password.length > MAX_PASSWORD_LENGTH) return { code: 'too_long', warning: null, suggestions: [] }
  const lower = password.toLowerCase()
  const email = context.email.toLowerCase()
  const local = email.split('@')[0] ?? ''
  if (lower === email || (local.length >= 4 && lower.includes(local))) return { code: 'contains_email', warning: 'userInputs', suggestions: ['anotherWord'] }
  const zxcvbn = await loadEstimator()
  const result = await zxcvbn.checkAsync(password, userInputs(context))
  if (result.score >= MIN_PASSWORD_SCORE) return null
  return { code: 'too_guessable', warning: result.feedback.warning, suggestions: result.feedback.suggestions }
}

/** The refusal as the API sends it: the code, and the reason and feedback keys as `invalidParams`. */
export function passwordTooWeak(problem: PasswordStrengthProblem): DomainError {
  return new DomainError('password_too_weak', `Password refused: ${problem.code}`, [
    { name: 'password', reason: problem.code },
    ...(problem.warning ? [{ name: 'password.warning', reason: problem.warning }] : []),
    ...problem.suggestions.map((key) => ({ name: 'password.suggestion', reason: key })),
  ])
}

/** Throws `password_too_weak` unless the password is strong enough. */
export async function assertStrongPassword(password: string, context: PasswordContext): Promise<void> {
  const problem = await passwordStrengthProblem(password, context)
  if (problem) throw passwordTooWeak(problem)
}
