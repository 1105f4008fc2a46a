import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Advice, DrawSummary, InviteResult, OfficialSignup, TableAssignment } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { mailSenderOf } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import { contactsOf } from '../repos/contact-repo'
import { addDeviceMessages, devicesMessaged } from '../repos/device-message-repo'
import { interestedIn } from '../repos/interest-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { signupsOfItem } from '../repos/signup-repo'
import { publishAdvice, putAssignment } from '../repos/table-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { manageableItem } from './item-access'
import { managedItem } from './item-service'
import { lockTable, runSelection, sendAll, type Messenger } from './table-service'

/**
 * A table the official may manage; a poll or question is refused with its own code. Sign-ups
 * hold contact details, so a regional table is for its region officials only, also to read.
 */
export async function ownTable(db: Db, viewer: Actor | string, id: string, now: Date): Promise<ManagedItem> {
  const item = typeof viewer === 'string' ? await findManagedItem(db, viewer, id, now) : await manageableItem(db, viewer, id, now)
  if (!item) throw notFound('item')
  if (item.kind !== 'table') throw new DomainError('item_not_table', 'This item is not a table')
  return item
}

/**
 * Sets the assignment (opdracht). The table row is locked while the check runs, so an
 * assignment saved while a colleague runs the selection either goes into that draw or is
 * refused: it can never change after the draw.
 */
export async function setAssignment(context: ServiceContext, actor: Actor, itemId: string, assignment: TableAssignment): Promise<ManagedItem> {
  await audited(context, actor, 'table.assignment', async (tx) => {
    const item = await ownTable(tx, actor, itemId, context.now)
    if ((await lockTable(tx, item.id))?.drawnAt) throw new DomainError('assignment_frozen', 'The selection has been made; the assignment can no longer change')
    await putAssignment(tx, item.id, assignment)
    return { result: undefined, itemId: item.id }
  })
  return managedItem(context, actor, itemId)
}

/** The sign-ups with contact details; read and audited in one transaction (no reading without a trace). */
export async function readSignups(context: ServiceContext, actor: Actor, itemId: string): Promise<OfficialSignup[]> {
  return audited(context, actor, 'table.signups.read', async (tx) => {
    const item = await ownTable(tx, actor, itemId, context.now)
    const rows = await signupsOfItem(tx, item.id)
    const contacts = await contactsOf(tx, 'signup', rows.map((r) => r.id))
    const result = rows.map((r) => ({
      id: r.id,
      status: r.status,
      name: contacts.get(r.id)?.name ?? null,
      contact: contacts.get(r.id)?.contact ?? null,
      ageBand: r.ageBand,
      area: r.area,
      roles: r.roles,
      motivation: r.motivation,
      accessibilityNeeds: r.accessibilityNeeds,
      receivedAt: r.receivedAt.toISOString(),
      drawPosition: r.drawPosition,
    }))
    return { result, itemId: item.id, details: { count: rows.length } }
  })
}

/** Runs the selection once sign-up has closed (checks, draw and audit in one transaction). */
export async function drawTable(context: ServiceContext, m: Messenger, actor: Actor, itemId: string, seed: string | undefined): Promise<DrawSummary> {
  const item = await ownTable(context.db, actor, itemId, context.now)
  const outcome = await runSelection(context.db, m, { itemId: item.id, itemTitle: item.title, seed, actor }, context.now)
  return { panel: outcome.panel.length, waitlist: outcome.waitlist.length, shortfalls: outcome.shortfalls }
}

export async function publishTableAdvice(context: ServiceContext, actor: Actor, itemId: string, advice: Advice): Promise<ManagedItem> {
  await audited(context, actor, 'table.advice', async (tx) => {
    const item = await ownTable(tx, actor, itemId, context.now)
    if (!(await lockTable(tx, item.id))) throw new DomainError('assignment_missing', 'Set the assignment first')
    await publishAdvice(tx, item.id, advice, context.now)
    return { result: undefined, itemId: item.id }
  })
  return managedItem(context, actor, itemId)
}

/**
 * Invites the people in the interest network whose themes match, each device once. The inbox
 * messages and the audit entry commit together; the e-mails go out after the commit, so a
 * failed transaction never mails anyone.
 */
export async function inviteInterested(context: ServiceContext, m: Messenger, actor: Actor, itemId: string): Promise<InviteResult> {
  const { item, people } = await audited(context, actor, 'table.invite', async (tx) => {
    const item = await ownTable(tx, actor, itemId, context.now)
    const invitedBefore = await devicesMessaged(tx, item.id, 'invited')
    const people = (await interestedIn(tx, actor.municipality, item.theme)).filter((p) => !invitedBefore.has(p.deviceKey))
    await addDeviceMessages(tx, people.map((p) => ({ deviceKey: p.deviceKey, itemId: item.id, kind: 'invited' as const })), context.now)
    const emailing = people.filter((p) => p.contact?.contact.channel === 'email').length
    return { result: { item, people }, itemId: item.id, details: { invited: people.length, emailing } }
  })
  const link = `${m.publicUrl}/items/${item.id}`
  const from = await mailSenderOf(context.db, actor.municipality)
  const emailed = await sendAll(
    m,
    people.flatMap((p) => (p.contact?.contact.channel === 'email' ? [{ to: p.contact.contact.value, about: p.id, ...mailTexts.invited(from, { name: p.contact.name, itemTitle: item.title, link, closesAt: item.closesAt }, p.contact.language) }] : [])),
  )
  return { invited: people.length, emailed }
}
