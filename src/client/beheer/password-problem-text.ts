import { MIN_PASSWORD_LENGTH } from '../../shared/schemas/official'
import { PASSWORD_PROBLEM_CODES, PASSWORD_SUGGESTION_KEYS, PASSWORD_WARNING_KEYS, type PasswordProblemCode } from '../../shared/schemas/password-strength'
import type { ErrorBody } from '../../shared/schemas/error'
import type { Translate } from '../i18n'
import type { BeheerMessageKey } from '../message-keys'

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value)

/**
 * A refused password in the official's words: the reason, what the estimator noticed, and what to
 * do instead. The server sends only codes and zxcvbn's keys (`invalidParams`); unknown keys from a
 * newer server are skipped, so an answer never shows a raw key.
 */
export function passwordProblemText(t: Translate<BeheerMessageKey>, problem: ErrorBody | undefined): string {
  const params = problem?.invalidParams ?? []
  const reason = params.find((p) => p.name === 'password')?.reason ?? ''
  const code: PasswordProblemCode = isOneOf(PASSWORD_PROBLEM_CODES, reason) ? reason : 'too_guessable'
  const parts: string[] = [t(`beheer.passwordStrength.code.${code}`, { min: MIN_PASSWORD_LENGTH })]
  for (const p of params) {
    if (p.name === 'password.warning' && isOneOf(PASSWORD_WARNING_KEYS, p.reason)) parts.push(t(`beheer.passwordStrength.warning.${p.reason}`))
    if (p.name === 'password.suggestion' && isOneOf(PASSWORD_SUGGESTION_KEYS, p.reason)) parts.push(t(`beheer.passwordStrength.suggestion.${p.reason}`))
  }
  if (code === 'too_guessable') parts.push(t('beheer.passwordStrength.advice'))
  return parts.join(' ')
}
