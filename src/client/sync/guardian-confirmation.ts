import { ApiError } from './api'
import { residentApi } from './resident-api'

/** How the guardian's yes ended, in the terms the page explains. */
export type GuardianConfirmOutcome = 'done' | 'notFound' | 'offline' | 'failed'

/**
 * A parent or guardian says yes to an under-16 registration. Never queued: the person at the
 * screen must see that it went through (and the token may have expired).
 */
export async function confirmGuardian(token: string): Promise<GuardianConfirmOutcome> {
  try {
    await residentApi().confirmGuardian(token)
    return 'done'
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'network') return 'offline'
    if (error instanceof ApiError && error.kind === 'refused') return 'notFound'
    return 'failed'
  }
}
