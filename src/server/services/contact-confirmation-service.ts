import { and, eq, isNotNull } from 'drizzle-orm'
import { PENDING_CONFIRMATION_DAYS } from '../../shared/retention-periods'
import type { ContactConfirmationResult } from '../../shared/schemas/contact-confirmation'
import type { Db } from '../db/client'
import { interests, tableDetails, tableSignups } from '../db/schema'
import { DomainError } from '../errors'
import { errorForLog } from '../log-safety'
import { mailSendersOf } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import type { MailMessage } from '../notify/notifier'
import type { ContactConfirmationRequest } from '../repos/contact-confirmation'
import { useConfirmationToken } from '../repos/guardian-repo'
import { setSignupStatuses } from '../repos/signup-repo'
import { sendAll, type Messenger } from './table-service'

/** The resident app's page that opens a confirmation link (it asks before it confirms). */
export const CONTACT_CONFIRM_PATH = '/contact-bevestigen'

export function confirmationLink(publicUrl: string, token: string): string {
  return `${publicUrl}${CONTACT_CONFIRM_PATH}#t=${token}`
}

/**
 * Mails each adult the link that makes their e-mail address count (after the commit). When the
 * address replaced an earlier one, kept copies of mail about the registration (the development
 * mail file) are deleted first: they hold the old address and name.
 */
export async function askContactConfirmations(db: Db, m: Messenger, requests: ContactConfirmationRequest[]): Promise<void> {
  const replaced = requests.filter((r) => r.replacesAddress).map((r) => r.ownerId)
  if (replaced.length > 0 && m.notifier.forget) {
    try {
      await m.notifier.forget(replaced)
    } catch (error) {
      m.log.error({ err: { type: errorForLog(error).type } }, 'stored messages to a replaced address could not be deleted')
    }
  }
  const messages: MailMessage[] = []
  const senderOf = mailSendersOf(db)
  for (const r of requests) {
    const from = await senderOf(r.municipality)
    messages.push({ to: r.email, about: r.ownerId, municipality: r.municipality, ...mailTexts.contactConfirm(from, { name: r.name, about: r.about, link: confirmationLink(m.publicUrl, r.token), days: PENDING_CONFIRMATION_DAYS }, r.language) })
  }
  await sendAll(m, messages)
}

/**
 * What a used link confirms, or null when there is nothing left to confirm (withdrawn, deleted
 * by retention, confirmed already). A sign-up confirmed after its table's draw took no part in
 * it: it becomes `not_selected`, so the usual retention of people not selected applies.
 */
async function applyConfirmation(t: Db, owner: { ownerId: string; ownerKind: 'signup' | 'interest'; purpose: string }, now: Date): Promise<ContactConfirmationResult['confirmed'] | null> {
  if (owner.purpose === 'renewal') {
    const rows = await t
      .update(interests)
      .set({ confirmedAt: now, renewalRequestedAt: null, updatedAt: now })
      .where(and(eq(interests.id, owner.ownerId), eq(interests.status, 'active'), isNotNull(interests.renewalRequestedAt)))
      .returning({ id: interests.id })
    return rows.length > 0 ? 'renewal' : null
  }
  if (owner.ownerKind === 'interest') {
    const rows = await t
      .update(interests)
      .set({ status: 'active', confirmedAt: now, updatedAt: now })
      .where(and(eq(interests.id, owner.ownerId), eq(interests.status, 'pending_confirmation')))
      .returning({ id: interests.id })
    return rows.length > 0 ? 'interest' : null
  }
  const [row] = await t
    .select({ id: tableSignups.id, status: tableSignups.status, drawnAt: tableDetails.drawnAt })
    .from(tableSignups)
    .innerJoin(tableDetails, eq(tableDetails.itemId, tableSignups.itemId))
    .where(eq(tableSignups.id, owner.ownerId))
    .for('update', { of: tableSignups })
  if (row?.status !== 'pending_confirmation') return null
  await setSignupStatuses(t, [{ id: row.id, status: row.drawnAt ? 'not_selected' : 'eligible' }], now)
  return 'signup'
}

/** The person opened the link from their e-mail and said yes. */
export async function confirmContactLink(db: Db, token: string, now: Date): Promise<ContactConfirmationResult> {
  const confirmed = await db.transaction(async (t) => {
    const owner = await useConfirmationToken(t, token, ['contact', 'renewal'], now)
    return owner ? applyConfirmation(t, owner, now) : null
  })
  if (!confirmed) throw new DomainError('contact_link_invalid', 'This link is unknown, used already, or expired')
  return { ok: true, confirmed }
}
