import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { GuardianLinkInfo, TableAssignment } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import { interests, items, tableDetails, tableSignups } from '../db/schema'
import { DomainError, notFound } from '../errors'
import { errorForLog } from '../log-safety'
import { mailSenderOf, mailSendersOf } from '../notify/mail-sender'
import { mailTexts } from '../notify/mail-texts'
import type { MailMessage, Notifier } from '../notify/notifier'
import { contactsOf } from '../repos/contact-repo'
import { recordAudit } from '../repos/audit-repo'
import { addDeviceMessages } from '../repos/device-message-repo'
import { peekConfirmationToken, pendingGuardianSubject, useGuardianToken } from '../repos/guardian-repo'
import { findManagedItemById } from '../repos/managed-item-repo'
import { findSignupOfDevice, setSignupStatuses, signupsOfItem, withdrawSignup, type GuardianRequest, type SignupRow } from '../repos/signup-repo'
import { findTable, recordDraw, type TableRow } from '../repos/table-repo'
import { draw, nextReplacement } from '../selection/draw'
import { makeDrawRecord, publicCount, registrantHash, ticketKeyFor } from '../selection/draw-record'
import { categoriesOf, type Category } from '../tables/categories'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'
import { FIRST_COME_VERSION, firstComeSelection } from '../tables/first-come'
import { queueSignupPush, type SignupPushTopic } from '../push/signup-push'
import type { Actor } from './context'

export interface Messenger {
  notifier: Notifier
  log: FastifyBaseLogger
  publicUrl: string
  /**
   * The keyed push topic of a sign-up (`app.deviceKeys.signupPushTopic`): its news wakes that
   * device. Every route passes it; jobs that only send mail (retention) have no use for it.
   */
  signupPushTopic?: SignupPushTopic
}

/** Where a member gets the table's meetings for their calendar (`GET /api/items/:id/meetings.ics`). */
export function meetingCalendarLink(m: Pick<Messenger, 'publicUrl'>, itemId: string): string {
  return `${m.publicUrl}/api/items/${itemId}/meetings.ics`
}

/** Sends messages one by one; a failing address is logged (without the address) and skipped. */
export async function sendAll(m: Messenger, messages: MailMessage[]): Promise<number> {
  let sent = 0
  for (const message of messages) {
    try {
      await m.notifier.send(message)
      sent++
    } catch (error) {
      // Mail errors often quote the recipient: log only the kind of failure.
      const { type, code } = errorForLog(error)
      m.log.warn({ err: { type, ...(code ? { code } : {}) } }, 'a message could not be sent')
    }
  }
  return sent
}

export async function askGuardians(db: Db, m: Messenger, requests: GuardianRequest[]): Promise<void> {
  const messages: MailMessage[] = []
  const senderOf = mailSendersOf(db)
  for (const r of requests) {
    const from = await senderOf(r.municipality)
    messages.push({ to: r.guardianEmail, about: r.ownerId, ...mailTexts.guardianConfirm(from, { itemTitle: r.itemTitle, link: `${m.publicUrl}/ouder-bevestigen#t=${r.token}` }, r.language) })
  }
  await sendAll(m, messages)
}

/** A parent or guardian confirmed: the sign-up becomes eligible (or the interest active). */
export async function confirmGuardian(db: Db, signupPushTopic: SignupPushTopic, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (t) => {
    const owner = await useGuardianToken(t, token, now)
    if (!owner) return false
    if (owner.ownerKind === 'interest') {
      // Only a registration still waiting: a withdrawn one must never come back to life.
      const rows = await t
        .update(interests)
        .set({ status: 'active', updatedAt: now })
        .where(and(eq(interests.id, owner.ownerId), eq(interests.status, 'pending_guardian')))
        .returning({ id: interests.id })
      return rows.length > 0
    }
    const [row] = await t.select().from(tableSignups).where(eq(tableSignups.id, owner.ownerId))
    if (!row || row.status !== 'pending_guardian') return false
    await setSignupStatuses(t, [{ id: row.id, status: 'eligible' }], now)
    await addDeviceMessages(t, [{ deviceKey: row.deviceKey, itemId: row.itemId, kind: 'guardian_confirmed' }], now)
    await queueSignupPush(t, signupPushTopic, row.itemId, [{ signupId: row.id, kind: 'guardian_confirmed' }], now)
    return true
  })
}

function quotasOf(a: TableAssignment) {
  const reserved: { category: Category; seats: number }[] = [
    { category: 'client_or_expert', seats: a.reserved.clientOrExpert },
    { category: 'youth', seats: a.reserved.youth },
  ].filter((q) => q.seats > 0) as { category: Category; seats: number }[]
  return { seats: a.seats, reserved, ...(a.targets ? { targets: a.targets } : {}) }
}

export interface DrawOutcome {
  record: Record<string, unknown>
  panel: string[]
  waitlist: string[]
  shortfalls: { category: Category; reserved: number; available: number }[]
}

/** Takes the per-table lock that every change of the table (assignment, draw, advice, withdrawal) holds until commit. */
export async function lockTable(db: Db, itemId: string): Promise<TableRow | null> {
  const [row] = await db.select().from(tableDetails).where(eq(tableDetails.itemId, itemId)).for('update')
  return row ?? null
}

/**
 * The selection among eligible sign-ups (pending under-16s without a guardian's yes take no
 * part). Age band and area go into the draw only when the assignment has targets for them; the
 * public record never lists them per person (see selection/draw-record.ts).
 */
function select(input: { itemId: string; assignment: TableAssignment; seed?: string | undefined }, eligible: SignupRow[], now: Date): DrawOutcome {
  const quotas = quotasOf(input.assignment)
  const targets = input.assignment.targets
  const registrants = eligible.map((s) => ({
    id: s.id,
    categories: categoriesOf(s),
    ...(targets?.ageBand ? { ageBand: s.ageBand } : {}),
    ...(targets?.area && s.area ? { area: s.area } : {}),
  }))
  if (input.assignment.selectionMethod === 'lot') {
    const seed = input.seed ?? randomBytes(16).toString('hex')
    const result = draw({ seed, registrants, quotas, ticketKey: ticketKeyFor(input.itemId) })
    const record = makeDrawRecord({ itemId: input.itemId, drawnAt: now, seed, quotas, registrants, result })
    return { record: record as unknown as Record<string, unknown>, panel: result.panel, waitlist: result.waitlist, shortfalls: result.shortfalls }
  }
  const result = firstComeSelection(registrants, quotas)
  const hash = (id: string) => registrantHash(input.itemId, id)
  // No per-person fields here either; a shortfall's count of people is published only from 5 on, like the draw's.
  const shortfalls = result.shortfalls.map((x) => ({ ...x, available: publicCount(x.available, registrants.length) }))
  const record = { version: 2, itemId: input.itemId, drawnAt: now.toISOString(), algorithmVersion: FIRST_COME_VERSION, quotas, panel: result.panel.map(hash), waitlist: result.waitlist.map(hash), shortfalls }
  return { record, ...result }
}

/**
 * Runs the selection for a table once: the table row is locked, checked and the draw claimed in
 * one transaction, so two officials pressing at once get one draw and one set of messages, and
 * an assignment saved at the same moment is either in the draw or refused. Stores statuses, the
 * public record and the audit entry, then tells every participant in the app inbox and by e-mail.
 */
export async function runSelection(db: Db, m: Messenger, input: { itemId: string; itemTitle: string; seed?: string | undefined; actor: Actor }, now: Date): Promise<DrawOutcome> {
  const { outcome, eligible, meetings } = await db.transaction(async (t) => {
    const table = await lockTable(t, input.itemId)
    if (!table) throw new DomainError('assignment_missing', 'Set the assignment first')
    if (table.drawnAt) throw new DomainError('selection_already_made', 'The selection has been made already')
    if (now < new Date(table.assignment.signupClosesAt)) throw new DomainError('signup_still_open', 'Sign-up is still open')
    const eligible = (await signupsOfItem(t, input.itemId)).filter((s) => s.status === 'eligible')
    const outcome = select({ itemId: input.itemId, assignment: table.assignment, seed: input.seed }, eligible, now)
    const byId = new Map(eligible.map((s) => [s.id, s]))
    await setSignupStatuses(
      t,
      [...outcome.panel.map((id, i) => ({ id, status: 'selected' as const, drawPosition: i })), ...outcome.waitlist.map((id, i) => ({ id, status: 'waitlisted' as const, drawPosition: outcome.panel.length + i }))],
      now,
    )
    await addDeviceMessages(
      t,
      [...outcome.panel.map((id) => ({ id, kind: 'selected' as const })), ...outcome.waitlist.map((id) => ({ id, kind: 'waitlisted' as const }))].map((x) => ({
        deviceKey: (byId.get(x.id) as SignupRow).deviceKey,
        itemId: input.itemId,
        kind: x.kind,
      })),
      now,
    )
    if (m.signupPushTopic) await queueSignupPush(t, m.signupPushTopic, input.itemId, [...outcome.panel.map((signupId) => ({ signupId, kind: 'selected' as const })), ...outcome.waitlist.map((signupId) => ({ signupId, kind: 'waitlisted' as const }))], now)
    await recordDraw(t, input.itemId, outcome.record, now)
    await recordAudit(t, { officialId: input.actor.id, municipality: input.actor.municipality, action: 'table.draw', itemId: input.itemId, details: { panel: outcome.panel.length, waitlist: outcome.waitlist.length } }, now)
    return { outcome, eligible, meetings: table.assignment.meetings.map((x) => x.startsAt) }
  })
  // Mail goes out after the commit: a failed transaction never tells anyone anything.
  const contacts = await contactsOf(db, 'signup', eligible.map((s) => s.id))
  const from = await mailSenderOf(db, input.actor.municipality)
  const mails: MailMessage[] = []
  for (const id of [...outcome.panel, ...outcome.waitlist]) {
    const c = contacts.get(id)
    if (c?.contact.channel !== 'email') continue
    const text = outcome.panel.includes(id)
      ? mailTexts.selected(from, { name: c.name, itemTitle: input.itemTitle, meetings, calendarLink: meetingCalendarLink(m, input.itemId) }, c.language)
      : mailTexts.notSelected(from, { name: c.name, itemTitle: input.itemTitle }, c.language)
    mails.push({ to: c.contact.value, about: id, ...text })
  }
  await sendAll(m, mails)
  return outcome
}

/**
 * Withdraws a sign-up and deletes its personal details. When a member leaves after the draw, the
 * next suitable person on the waitlist is offered the seat (in the app and by e-mail). The table
 * is locked meanwhile, so retried or simultaneous withdrawals never give out a seat twice.
 */
export async function withdrawAndReplace(db: Db, m: Messenger, signupId: string, itemTitle: string, assignment: TableAssignment, now: Date): Promise<string | null> {
  const next = await db.transaction(async (t) => {
    const [row] = await t.select({ itemId: tableSignups.itemId }).from(tableSignups).where(eq(tableSignups.id, signupId))
    if (!row) return null
    await lockTable(t, row.itemId)
    // Read which reserved seat the leaver held before the withdrawal erases their roles: without
    // it a client's guaranteed seat would look like an open one and go to anyone.
    const [leaving] = await t.select().from(tableSignups).where(eq(tableSignups.id, signupId))
    if (!leaving) return null
    const was = await withdrawSignup(t, signupId, now)
    if (was !== 'selected') return null
    const all = await signupsOfItem(t, row.itemId)
    const panel = all.filter((s) => s.status === 'selected')
    const waitlist = all.filter((s) => s.status === 'waitlisted').sort((a, b) => (a.drawPosition ?? 0) - (b.drawPosition ?? 0))
    const replacement = nextReplacement(
      waitlist.map((w) => w.id),
      signupId,
      [...panel, ...waitlist, leaving].map((r) => ({ id: r.id, categories: categoriesOf(r) })),
      quotasOf(assignment),
      [...panel.map((p) => p.id), signupId],
    )
    const chosen = replacement ? waitlist.find((w) => w.id === replacement.id) : undefined
    if (!chosen) return null
    await setSignupStatuses(t, [{ id: chosen.id, status: 'selected' }], now)
    await addDeviceMessages(t, [{ deviceKey: chosen.deviceKey, itemId: chosen.itemId, kind: 'seat_offered' }], now)
    if (m.signupPushTopic) await queueSignupPush(t, m.signupPushTopic, chosen.itemId, [{ signupId: chosen.id, kind: 'seat_offered' }], now)
    return chosen
  })
  if (!next) return null
  const contact = (await contactsOf(db, 'signup', [next.id])).get(next.id)
  if (contact?.contact.channel === 'email') {
    const [item] = await db.select({ municipality: items.municipality }).from(items).where(eq(items.id, next.itemId))
    const from = await mailSenderOf(db, item?.municipality ?? '')
    await sendAll(m, [{ to: contact.contact.value, about: next.id, ...mailTexts.seatOffered(from, { name: contact.name, itemTitle, calendarLink: meetingCalendarLink(m, next.itemId) }, contact.language) }])
  }
  return next.id
}

/**
 * A resident withdraws their own sign-up (the device is the key): the seat may go to the next
 * on the waitlist, and the person's traces are erased after the commit. Withdrawing twice is fine.
 */
export async function withdrawOwnSignup(db: Db, m: Messenger, eraser: TraceEraser, signupId: string, deviceKey: string, now: Date): Promise<void> {
  const signup = await findSignupOfDevice(db, signupId, deviceKey)
  if (!signup) throw notFound('sign-up')
  if (signup.status === 'withdrawn') return
  const [item, table] = await Promise.all([findManagedItemById(db, signup.itemId, now), findTable(db, signup.itemId)])
  if (!item || !table) throw notFound('table')
  await withdrawAndReplace(db, m, signup.id, item.title, table.assignment, now)
  await eraseTraces(eraser, [signup.id])
}

/** A parent or guardian says yes with the token from their e-mail. */
/**
 * What a guardian's link is about, for the page to name before the guardian says yes; the same
 * refusal as confirming for an unknown, used or expired link, so the page cannot tell them apart.
 */
export async function guardianLinkInfo(db: Db, token: string, now: Date): Promise<GuardianLinkInfo> {
  const owner = await peekConfirmationToken(db, token, ['guardian'], now)
  const subject = owner && (await pendingGuardianSubject(db, owner))
  if (!subject) throw invalidGuardianLink()
  return subject
}

const invalidGuardianLink = () => new DomainError('guardian_link_invalid', 'This link is unknown, used already, or expired')

export async function confirmGuardianLink(db: Db, signupPushTopic: SignupPushTopic, token: string, now: Date): Promise<void> {
  if (!(await confirmGuardian(db, signupPushTopic, token, now))) throw invalidGuardianLink()
}
