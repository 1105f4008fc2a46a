import type { Contact } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import type { StoredContact } from './contact-repo'
import { createConfirmationToken, deleteOpenTokens, type TokenOwner } from './guardian-repo'

/** An adult's e-mail address to confirm, with the link token (mailed after the transaction). */
export interface ContactConfirmationRequest extends TokenOwner {
  email: string
  name: string
  /** What they registered for: a table's title, or Benader mij. */
  about: string
  /** The municipality that asks (it names and signs the mail). */
  municipality: string
  token: string
  /** The address replaces one given before: copies of mail to the old address must go. */
  replacesAddress: boolean
  /** The language the mail is written in. */
  language: 'nl' | 'en'
}

const PENDING = new Set(['pending_guardian', 'pending_confirmation'])

function sameAddress(a: Contact, b: Contact | undefined): boolean {
  return b?.channel === 'email' && a.channel === 'email' && a.value.trim().toLowerCase() === b.value.trim().toLowerCase()
}

/**
 * The status of an adult's registration after it was stored or changed, and whether a new
 * confirmation link must go out. An e-mail address counts only once its owner opened the link:
 * a new address, or a changed one, waits in `pending_confirmation`. A phone number cannot be
 * confirmed here (no SMS): it counts as given, and the municipality's first call is the check.
 * `settled` is the status that counts (`eligible` for a sign-up, `active` for Benader mij).
 */
export function adultContactStatus<S extends string>(contact: Contact, settled: S, previous?: { status: string; contact: Contact | undefined }): { status: S | 'pending_confirmation'; ask: boolean } {
  const wasPending = previous ? PENDING.has(previous.status) : false
  if (contact.channel !== 'email') return { status: previous && !wasPending ? (previous.status as S) : settled, ask: false }
  const same = sameAddress(contact, previous?.contact)
  if (previous && !wasPending && same) return { status: previous.status as S, ask: false }
  if (previous?.status === 'pending_confirmation' && same) return { status: 'pending_confirmation', ask: false }
  return { status: 'pending_confirmation', ask: true }
}

/** Replaces any open confirmation link of this registration by a new one and says whom to mail. */
export async function requestContactConfirmation(
  db: Db,
  owner: TokenOwner,
  request: { contact: Contact & { channel: 'email' }; name: string; about: string; municipality: string; replacesAddress: boolean; language: 'nl' | 'en' },
  now: Date,
): Promise<ContactConfirmationRequest> {
  await deleteOpenTokens(db, owner, 'contact')
  const token = await createConfirmationToken(db, owner, 'contact', now)
  return { ...owner, email: request.contact.value, name: request.name, about: request.about, municipality: request.municipality, token, replacesAddress: request.replacesAddress, language: request.language }
}

/** The stored contact as `adultContactStatus` compares it. */
export function previousOf(status: string | undefined, stored: StoredContact | undefined): { status: string; contact: Contact | undefined } | undefined {
  return status === undefined ? undefined : { status, contact: stored?.contact }
}
