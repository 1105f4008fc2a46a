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
