import type { I18n } from './i18n'
import { ApiError } from './sync/api'

/**
 * The resident's words for a request the server refused with a code of the catalogue
 * (src/shared/error-codes.ts): `errorCodes.<code>` in the locale files. Undefined when the
 * request got no coded answer (offline, a proxy's page), which callers describe themselves.
 */
export function refusalText(t: I18n['t'], error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const code = error.code
  // No answer, or one that broke the contract: nothing the server said to put in words.
  if (code === undefined || code === 'network' || code === 'invalid_response') return undefined
  return t(`errorCodes.${code}`)
}
