import { and, eq, inArray, ne } from 'drizzle-orm'
import type { NetworkInvite, NetworkInviteResult, NetworkMember } from '../../shared/schemas/network'
import type { Contact } from '../../shared/schemas/table'
import { itemStatusAt } from '../../shared/validation/item-status'
import { inVocabulary } from '../../shared/validation/vocabulary'
import type { Db } from '../db/client'
import { interests, networkInvitations, tableSignups } from '../db/schema'
import { DomainError } from '../errors'
import { networkCsv } from '../exports/network-csv'
import { mailSenderFrom } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import type { TransactionalMail } from '../notify/transactional-mail'
import { contactsOf, type StoredContact } from '../repos/contact-repo'
import { findMunicipalityRow } from '../repos/municipality-repo'
import { addDeviceMessages } from '../repos/device-message-repo'
import { queuePushForItem } from '../repos/push-repo'
import { itemPushEvent } from '../push/push-events'
import { createConfirmationToken, useConfirmationToken } from '../repos/guardian-repo'
import { withdrawInterest } from '../repos/interest-repo'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'
import { audited, type Actor, type ServiceContext } from './context'
import { itemLink } from './email-alert-service'
import { lockManageableRow } from './item-access'

/** The resident app's page that opens the one-click "leave Benader mij" link. */
export const NETWORK_OPT_OUT_PATH = '/benader-mij-afmelden'

const sameWord = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
const contactKey = (c: Contact) => `${c.channel}:${c.channel === 'email' ? c.value.trim().toLowerCase() : c.value.replace(/[^0-9+]/g, '')}`

interface Member {
  id: string
  deviceKey: string
  themes: string[]
  area: string | null
  contact: StoredContact
}

/** Active members of a municipality's network with their contact details (registrations without contact are not reachable). */
async function activeMembers(db: Db, municipality: string): Promise<(Member & { ageBand: string; consentVersion: string; consentedAt: Date })[]> {
  const rows = await db.select().from(interests).where(and(eq(interests.municipality, municipality), eq(interests.status, 'active')))
  const contacts = await contactsOf(db, 'interest', rows.map((r) => r.id))
  return rows.flatMap((r) => {
    const contact = contacts.get(r.id)
    return contact ? [{ id: r.id, deviceKey: r.deviceKey, themes: r.themes, area: r.area, contact, ageBand: r.ageBand, consentVersion: r.consentVersion, consentedAt: r.confirmedAt ?? r.consentedAt }] : []
  })
}

/**
 * The contacts of people who signed up for (or were chosen for) this table: a member is never
 * invited to what they are in already. Sign-ups and interests are stored under different device
 * keys on purpose, so the check compares the contact they gave. Polls and questions have no
 * sign-ups, and their answers are never linked to a person.
 */
async function signedUpContacts(tx: Db, itemId: string): Promise<Set<string>> {
  const ids = (await tx.select({ id: tableSignups.id }).from(tableSignups).where(and(eq(tableSignups.itemId, itemId), ne(tableSignups.status, 'withdrawn')))).map((r) => r.id)
  return new Set([...(await contactsOf(tx, 'signup', ids)).values()].map((c) => contactKey(c.contact)))
}

/**
 * Invites the members whose themes (and area, when areas are given) match to any item of the
 * official's own, while it is open. Each member is invited at most once per item: the invitation
 * row's primary key decides under parallel invitations, and only the transaction that inserted it
 * writes the inbox message and queues the mail (in the member's language, with a one-click way out
 * of the network), all in one transaction with the audit entry.
 */
export async function inviteNetwork(
  context: ServiceContext,
  mail: TransactionalMail,
  publicUrl: string,
  actor: Actor,
  itemId: string,
  input: NetworkInvite,
  /** The keyed push topic of a registration (`DeviceKeys.interestPushTopic`): the invitation wakes that device only. */
  pushTopicOf?: (interestId: string) => string,
): Promise<NetworkInviteResult> {
  const result = await audited(context, actor, 'network.invite', async (tx) => {
    const item = await lockManageableRow(tx, actor, itemId)
    if (!item.publishedAt || item.publishedAt > context.now) throw new DomainError('item_not_published', 'Publish the item before inviting anyone')
    if (itemStatusAt(item.opensAt, item.closesAt, context.now) !== 'open') throw new DomainError('item_not_open', 'The item is closed: nobody can be invited any more')
    // One read of the municipality: its vocabulary for the check, its name and contact for the mails.
    const municipality = await findMunicipalityRow(tx, actor.municipality)
    if (!municipality || !inVocabulary(municipality, { themes: input.themes }) || !input.areas.every((a) => inVocabulary(municipality, { area: a }))) {
      throw new DomainError('theme_not_in_vocabulary', 'Choose themes and areas from the municipality’s lists')
    }
    const matching = (await activeMembers(tx, actor.municipality)).filter(
      (m) => m.themes.some((t) => input.themes.some((w) => sameWord(t, w))) && (input.areas.length === 0 || (m.area !== null && input.areas.some((a) => sameWord(a, m.area!)))),
    )
    const signedUp = await signedUpContacts(tx, item.id)
    const candidates = matching.filter((m) => !signedUp.has(contactKey(m.contact.contact)))
    const inserted =
      candidates.length === 0
        ? []
        : await tx
            .insert(networkInvitations)
            .values(candidates.map((m) => ({ itemId: item.id, interestId: m.id, invitedAt: context.now })))
            .onConflictDoNothing()
            .returning({ interestId: networkInvitations.interestId })
    const invitedIds = new Set(inserted.map((r) => r.interestId))
    const invited = candidates.filter((m) => invitedIds.has(m.id))
    await addDeviceMessages(tx, invited.map((m) => ({ deviceKey: m.deviceKey, itemId: item.id, kind: 'invited' as const })), context.now)
    const from = mailSenderFrom(municipality, actor.municipality)
    if (pushTopicOf) {
      // A wake-up in the same transaction as the inbox message; it goes to the device that follows this registration.
      const payload = itemPushEvent('invited', item, from.name) as unknown as { nl: Record<string, unknown>; en: Record<string, unknown> }
      for (const m of invited) await queuePushForItem(tx, { itemId: pushTopicOf(m.id), eventKey: `invited:${item.id}:${m.id}`, payload }, context.now)
    }
    let emailed = 0
    for (const m of invited) {
      if (m.contact.contact.channel !== 'email') continue
      const token = await createConfirmationToken(tx, { ownerId: m.id, ownerKind: 'interest' }, 'network_optout', context.now)
      const text = mailTexts.invited(
        from,
        { name: m.contact.name, itemTitle: item.title, link: itemLink(publicUrl, item.id), closesAt: item.closesAt.toISOString(), optOutLink: `${publicUrl}${NETWORK_OPT_OUT_PATH}#t=${token}` },
        m.contact.language,
      )
      await mail.add(tx, { to: m.contact.contact.value, about: m.id, municipality: actor.municipality, ...text })
      emailed++
    }
    const outcome = { invited: invited.length, emailed, alreadyInvited: candidates.length - invited.length, alreadySignedUp: matching.length - candidates.length }
    return { result: outcome, itemId: item.id, details: { ...outcome, themes: input.themes.length, areas: input.areas.length } }
  })
  await mail.afterCommit()
  return result
}

function toMember(m: Awaited<ReturnType<typeof activeMembers>>[number]): NetworkMember {
  return { id: m.id, name: m.contact.name, contact: m.contact.contact, themes: m.themes, area: m.area, ageBand: m.ageBand, consentVersion: m.consentVersion, consentedAt: m.consentedAt.toISOString() }
}

/** The people who consented to be approached; read and audited in one transaction (no reading without a trace). */
export async function networkMembers(context: ServiceContext, actor: Actor): Promise<NetworkMember[]> {
  return audited(context, actor, 'network.members.read', async (tx) => {
    const members = (await activeMembers(tx, actor.municipality)).map(toMember).sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    return { result: members, details: { count: members.length } }
  })
}

/** The same list as CSV for a mail merge or a phone round; the export is audited in its transaction. */
export async function exportNetwork(context: ServiceContext, actor: Actor): Promise<{ filename: string; body: string }> {
  return audited(context, actor, 'network.export', async (tx) => {
    const members = (await activeMembers(tx, actor.municipality)).map(toMember).sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    return { result: { filename: `benader-mij-${actor.municipality}-${context.now.toISOString().slice(0, 10)}.csv`, body: networkCsv(members) }, details: { count: members.length, format: 'csv' } }
  })
}

/** The one-click link in an invitation: the member leaves the network and their details are deleted. */
export async function optOutOfNetwork(db: Db, eraser: TraceEraser, token: string, now: Date): Promise<void> {
  const owner = await db.transaction((tx) => useConfirmationToken(tx, token, ['network_optout'], now))
  if (!owner) throw new DomainError('network_link_invalid', 'This link is unknown, used already, or expired')
  const [row] = await db.select({ deviceKey: interests.deviceKey, status: interests.status }).from(interests).where(inArray(interests.id, [owner.ownerId]))
  if (!row || row.status === 'withdrawn' || !(await withdrawInterest(db, owner.ownerId, row.deviceKey, now))) throw new DomainError('network_link_invalid', 'This registration is gone already')
  await eraseTraces(eraser, [owner.ownerId])
}
