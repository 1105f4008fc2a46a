import { and, eq, isNull, lte, sql } from 'drizzle-orm'
import { RENEWAL_GRACE_DAYS } from '../../shared/retention-periods'
import type { Db } from '../db/client'
import { interests } from '../db/schema'
import { contactsOf, deleteContacts } from '../repos/contact-repo'
import { createConfirmationToken, deleteGuardianTokens } from '../repos/guardian-repo'
import { monthsBefore } from './answer-retention'

const DAY_MS = 24 * 60 * 60 * 1000

/** A member to ask, by e-mail, whether they want to stay in Benader mij (sent after the commit). */
export interface RenewalRequest {
  ownerId: string
  email: string
  name: string
  token: string
  language: 'nl' | 'en'
}

export interface RenewalOutcome {
  requests: RenewalRequest[]
  /** Registrations removed because nobody said yes within the grace period. */
  removed: string[]
  /** How many members were asked (also those reachable by phone only, who get no mail). */
  asked: number
}

/**
 * The yearly check of the Benader mij network of one municipality, in the caller's transaction:
 * members whose request went out more than `RENEWAL_GRACE_DAYS` ago without a yes are removed
 * (contact details and links deleted, the registration withdrawn); then members whose latest yes
 * is `confirmMonths` old get a one-time link. A phone number cannot receive a link here (no SMS):
 * those members are asked nothing and are removed after the grace period like the others; they
 * can register again in the app.
 */
export async function renewInterests(t: Db, municipality: string, confirmMonths: number, now: Date): Promise<RenewalOutcome> {
  const graceStart = new Date(now.getTime() - RENEWAL_GRACE_DAYS * DAY_MS)
  const expired = await t
    .update(interests)
    .set({ status: 'withdrawn', renewalRequestedAt: null, updatedAt: now })
    .where(and(eq(interests.municipality, municipality), eq(interests.status, 'active'), lte(interests.renewalRequestedAt, graceStart)))
    .returning({ id: interests.id })
  const removed = expired.map((r) => r.id)
  await deleteContacts(t, 'interest', removed)
  await deleteGuardianTokens(t, 'interest', removed)

  const lastYesBefore = monthsBefore(now, confirmMonths)
  const due = await t
    .update(interests)
    .set({ renewalRequestedAt: now })
    .where(
      and(
        eq(interests.municipality, municipality),
        eq(interests.status, 'active'),
        isNull(interests.renewalRequestedAt),
        sql`coalesce(${interests.confirmedAt}, ${interests.consentedAt}) <= ${lastYesBefore.toISOString()}`,
      ),
    )
    .returning({ id: interests.id })
  const contacts = await contactsOf(t, 'interest', due.map((d) => d.id))
  const requests: RenewalRequest[] = []
  for (const { id } of due) {
    const c = contacts.get(id)
    const token = await createConfirmationToken(t, { ownerId: id, ownerKind: 'interest' }, 'renewal', now)
    if (c?.contact.channel === 'email') requests.push({ ownerId: id, email: c.contact.value, name: c.name, token, language: c.language })
  }
  return { requests, removed, asked: due.length }
}
