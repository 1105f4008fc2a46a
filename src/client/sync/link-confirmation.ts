import type { ErrorCode } from '../../shared/error-codes'
import { ApiError } from './api'

/**
 * How a yes from an e-mailed link ended (a guardian's consent, a confirmed address), in the terms
 * the page explains; a refusal other than a dead link carries the server's answer so the page
 * can name its code in the resident's words.
 */
export type LinkOutcome<T> = ({ state: 'done' } & T) | { state: 'notFound' | 'offline' | 'failed' } | { state: 'refused'; error: ApiError }

/**
 * Sends the yes. Never queued: the person at the screen must see that it went through, and the
 * link may have expired. `deadLink` is the code the server gives for an unknown or used link.
 */
export async function confirmByLink<T extends object>(send: () => Promise<T>, deadLink: ErrorCode): Promise<LinkOutcome<T>> {
  try {
    return { state: 'done', ...(await send()) }
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'failed' }
    if (error.kind === 'network') return { state: 'offline' }
    if (error.kind === 'refused' && (error.code === deadLink || error.code === 'not_found')) return { state: 'notFound' }
    if (error.kind === 'refused') return { state: 'refused', error }
    return { state: 'failed' }
  }
}
