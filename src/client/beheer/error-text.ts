import type { I18n } from '../i18n'
import { BeheerApiError } from './beheer-api'

/**
 * A failed request in words an official understands. Conflicts (409) carry the server's own
 * explanation (e.g. which answers a change would break), so that text is shown too.
 */
export function errorText(t: I18n['t'], error: unknown): string {
  if (!(error instanceof BeheerApiError)) return t('beheer.error.unknown')
  switch (error.code) {
    case 'network':
      return t('beheer.error.network')
    case 'conflict':
      return t('beheer.error.conflict', { message: error.message })
    case 'bad_request':
      return t('beheer.error.badRequest', { message: error.message })
    case 'unauthorized':
      return t('beheer.error.unauthorized')
    case 'forbidden':
      return t('beheer.error.forbidden')
    case 'not_found':
      return t('beheer.error.notFound')
    case 'rate_limited':
      return t('beheer.error.rateLimited')
    case 'closes_at_in_past':
    case 'feedback_due_earlier':
    case 'feedback_due_in_past':
    case 'feedback_delay_reason_required':
      return t(`beheer.error.${error.code}`)
    default:
      return t('beheer.error.unknown')
  }
}
