import { ApiError } from './api'
import { residentApi } from './resident-api'

/**
 * How the guardian's yes ended, in the terms the page explains; a refusal other than a dead link
 * carries the server's answer so the page can name its code in the resident's words.
 */
export type GuardianConfirmOutcome = { state: 'done' | 'notFound' | 'offline' | 'failed' } | { state: 'refused'; error: ApiError }

/**
 * A parent or guardian says yes to an under-16 registration. Never queued: the person at the
 * screen must see that it went through (and the token may have expired).
 */
export async function confirmGuardian(token: string): Promise<GuardianConfirmOutcome> {
  try {
    await residentApi().confirmGuardian(token)
    return { state: 'done' }
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'failed' }
    if (error.kind === 'network') return { state: 'offline' }
    if (error.kind === 'refused' && (error.code === 'guardian_link_invalid' || error.code === 'not_found')) return { state: 'notFound' }
    if (error.kind === 'refused') return { state: 'refused', error }
    return { state: 'failed' }
  }
}
