import type { ContactConfirmationResult } from '../../shared/schemas/contact-confirmation'
import { ApiError } from './api'
import { residentApi } from './resident-api'

/**
 * How confirming an e-mail address ended, in the terms the page explains; a refusal other than a
 * dead link carries the server's answer so the page can name its code in the resident's words.
 */
export type ContactConfirmOutcome =
  | { state: 'done'; confirmed: ContactConfirmationResult['confirmed'] }
  | { state: 'notFound' | 'offline' | 'failed' }
  | { state: 'refused'; error: ApiError }

/**
 * The person says the address is theirs (or that they stay in Benader mij). Never queued: they
 * must see that it went through, and the link may have expired.
 */
export async function confirmContact(token: string): Promise<ContactConfirmOutcome> {
  try {
    const { confirmed } = await residentApi().confirmContact(token)
    return { state: 'done', confirmed }
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'failed' }
    if (error.kind === 'network') return { state: 'offline' }
    if (error.kind === 'refused' && (error.code === 'contact_link_invalid' || error.code === 'not_found')) return { state: 'notFound' }
    if (error.kind === 'refused') return { state: 'refused', error }
    return { state: 'failed' }
  }
}
