import { EMAIL_ALERT_CONSENT_VERSION, type EmailAlertLinkResult } from '../../shared/schemas/email-alert'
import type { MeepraatDb } from '../db/db'
import { getDeviceId } from '../db/meta-repo'
import { ApiError } from './api'
import { confirmByLink, type LinkOutcome } from './link-confirmation'
import { residentApi } from './resident-api'

/** How asking for an e-mail alert ended, in the terms the form explains. */
export type AskAlertOutcome = { state: 'sent' } | { state: 'offline' | 'failed' } | { state: 'refused'; error: ApiError }

/**
 * Asks the server to mail this address when the municipality responds on the item. Not queued
 * in the outbox on purpose: the resident must learn at once that a confirmation mail is on its
 * way (or that it needs a connection), and the answer itself never waits for this.
 */
export async function askEmailAlert(db: MeepraatDb, request: { itemId: string; email: string; language: 'nl' | 'en' }): Promise<AskAlertOutcome> {
  try {
    await residentApi().askEmailAlert(await getDeviceId(db), { ...request, consentVersion: EMAIL_ALERT_CONSENT_VERSION })
    return { state: 'sent' }
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'failed' }
    if (error.kind === 'network') return { state: 'offline' }
    if (error.kind === 'refused') return { state: 'refused', error }
    return { state: 'failed' }
  }
}

export type AlertLinkOutcome = LinkOutcome<EmailAlertLinkResult>

export function confirmEmailAlert(token: string): Promise<AlertLinkOutcome> {
  return confirmByLink(() => residentApi().confirmEmailAlert(token), 'alert_link_invalid')
}

export function unsubscribeEmailAlert(token: string): Promise<AlertLinkOutcome> {
  return confirmByLink(() => residentApi().unsubscribeEmailAlert(token), 'alert_link_invalid')
}

export function optOutOfNetwork(token: string): Promise<LinkOutcome<{ ok: true }>> {
  return confirmByLink(async () => {
    await residentApi().optOutOfNetwork(token)
    return { ok: true as const }
  }, 'network_link_invalid')
}
