import type { GuardianLinkInfo } from '../../shared/schemas/table'
import { confirmByLink, type LinkOutcome } from './link-confirmation'
import { residentApi } from './resident-api'

export type GuardianConfirmOutcome = LinkOutcome<object>

/** A parent or guardian says yes to an under-16 registration. */
export function confirmGuardian(token: string): Promise<GuardianConfirmOutcome> {
  return confirmByLink(async () => {
    await residentApi().confirmGuardian(token)
    return {}
  }, 'guardian_link_invalid')
}

/**
 * What the link is about, to name it on the page before the guardian says yes; null when the
 * server does not know the link or cannot be reached (pressing the button then says which).
 */
export async function guardianLinkInfo(token: string): Promise<GuardianLinkInfo | null> {
  try {
    return await residentApi().guardianLinkInfo(token)
  } catch {
    return null
  }
}
