import type { ContactConfirmationResult } from '../../shared/schemas/contact-confirmation'
import { confirmByLink, type LinkOutcome } from './link-confirmation'
import { residentApi } from './resident-api'

export type ContactConfirmOutcome = LinkOutcome<{ confirmed: ContactConfirmationResult['confirmed'] }>

/** The person says the address is theirs (or that they stay in Benader mij). */
export function confirmContact(token: string): Promise<ContactConfirmOutcome> {
  return confirmByLink(async () => ({ confirmed: (await residentApi().confirmContact(token)).confirmed }), 'contact_link_invalid')
}
