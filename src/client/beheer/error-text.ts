import type { Translate } from '../i18n'
import type { BeheerMessageKey } from '../message-keys'
import { BeheerApiError } from './beheer-api'
import { passwordProblemText } from './password-problem-text'

/**
 * A failed request in words an official understands: each error code of the catalogue
 * (src/shared/error-codes.ts) has its own text under `beheer.errorCodes.<code>`. The server's
 * English message is shown only where it carries details the code cannot (which field a bad
 * request got wrong, which answers a change would break), through `{message}` in the text.
 */
export function errorText(t: Translate<BeheerMessageKey>, error: unknown): string {
  if (!(error instanceof BeheerApiError)) return t('beheer.error.unknown')
  switch (error.code) {
    case undefined:
      return t('beheer.error.unknown')
    case 'network':
      return t('beheer.error.network')
    case 'invalid_response':
      return t('beheer.error.unknown')
    case 'bad_request':
      return t('beheer.error.badRequest', { message: error.message })
    case 'password_too_weak':
      return passwordProblemText(t, error.problem)
    case 'conflict':
      // A 409 without a specific code: only the server's own words can say what happened.
      return t('beheer.error.conflict', { message: error.message })
    default:
      return t(`beheer.errorCodes.${error.code}`, { message: error.message })
  }
}
