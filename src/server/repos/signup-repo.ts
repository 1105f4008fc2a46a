import { and, asc, eq, inArray } from 'drizzle-orm'
import { CONSENT_VERSION, type MySignup, type RegistrationResult, type SignupStatus, type TableSignup } from '../../shared/schemas/table'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { items, tableDetails, tableSignups } from '../db/schema'
import { adultContactStatus, previousOf, requestContactConfirmation, type ContactConfirmationRequest } from './contact-confirmation'
import { contactsOf, deleteContacts, putContact } from './contact-repo'
import { createGuardianToken, deleteGuardianTokens } from './guardian-repo'

export type SignupRow = typeof tableSignups.$inferSelect

/** A new under-16 sign-up whose parent or guardian must be asked (after the transaction). */
export interface GuardianRequest {
  /** The sign-up or interest registration the guardian is asked about. */
  ownerId: string
  guardianEmail: string
  token: string
  itemTitle: string
  /** The municipality that asks (and signs the mail). */
  municipality: string
  /** The child's language: the guardian's mail is written in it. */
  language: 'nl' | 'en'
}

const CONTACT_PURPOSE = 'Contact about this table: selection outcome, meetings, and the municipality’s response to the advice.'

function isOpen(table: typeof tableDetails.$inferSelect, now: Date): boolean {
  const a = table.assignment
  return !table.drawnAt && now >= new Date(a.signupOpensAt) && now < new Date(a.signupClosesAt)
}

/**
 * Stores sign-ups exactly once per id. A higher `revision` from the same device is a change
 * (allowed while sign-up is open); the same or a lower one answers `duplicate`. Contact details
 * go to the separate contacts table.
 */
export async function ingestSignups(
  db: Db,
  keys: DeviceKeys,
  signups: TableSignup[],
  now: Date,
): Promise<{ results: RegistrationResult[]; guardianRequests: GuardianRequest[]; confirmationRequests: ContactConfirmationRequest[] }> {
  const results: RegistrationResult[] = []
  const guardianRequests: GuardianRequest[] = []
  const confirmationRequests: ContactConfirmationRequest[] = []
  const itemIds = [...new Set(signups.map((s) => s.itemId))]
  const tables = await db
    .select({ item: items, table: tableDetails })
    .from(items)
    .innerJoin(tableDetails, eq(tableDetails.itemId, items.id))
    .where(inArray(items.id, itemIds))
  const tableById = new Map(tables.map((t) => [t.item.id, t]))
  const seen = new Set<string>()
  for (const s of signups) {
    if (seen.has(s.id)) continue
    seen.add(s.id)
    const deviceKey = keys.keyFor('signups', s.deviceId)
    const result = await db.transaction(async (t) => {
      const [existing] = await t.select().from(tableSignups).where(eq(tableSignups.id, s.id)).for('update')
      if (existing) {
        // A change names the same table: moving a sign-up would dodge that table's closed window.
        if (existing.deviceKey !== deviceKey || existing.itemId !== s.itemId) return { id: s.id, status: 'rejected' as const, reason: 'not_yours' as const }
        if (existing.status === 'withdrawn') return { id: s.id, status: 'rejected' as const, reason: 'withdrawn' as const }
        if (s.revision <= existing.revision) return { id: s.id, status: 'duplicate' as const }
      }
      const target = tableById.get(s.itemId)
      if (!target || !target.item.publishedAt || target.item.publishedAt > now) return { id: s.id, status: 'rejected' as const, reason: 'item_unknown' as const }
      if (!isOpen(target.table, now)) return { id: s.id, status: 'rejected' as const, reason: 'signup_closed' as const }
      if (s.consentVersion !== CONSENT_VERSION) return { id: s.id, status: 'rejected' as const, reason: 'consent_outdated' as const }
      const under16 = s.ageBand === '<16'
      const fields = {
        ageBand: s.ageBand,
        area: s.area ?? null,
        roles: s.roles,
        motivation: s.motivation ?? null,
        accessibilityNeeds: s.accessibilityNeeds ?? null,
        consentVersion: s.consentVersion,
        revision: s.revision,
        updatedAt: now,
      }
      // A change that makes someone under 16 needs a guardian again; an adult's new or changed
      // e-mail address needs its confirmation link; otherwise status stays.
      const previous = existing ? previousOf(existing.status, (await contactsOf(t, 'signup', [s.id])).get(s.id)) : undefined
      const adult = under16 ? undefined : adultContactStatus<SignupStatus>(s.contact, 'eligible', previous)
      const status: SignupStatus = adult?.status ?? (existing?.ageBand !== '<16' ? 'pending_guardian' : existing.status)
      if (existing) {
        await t.update(tableSignups).set({ ...fields, status }).where(eq(tableSignups.id, s.id))
      } else {
        const inserted = await t
          .insert(tableSignups)
          .values({ id: s.id, itemId: s.itemId, deviceKey, status, consentedAt: now, receivedAt: now, ...fields })
          .onConflictDoNothing()
          .returning({ id: tableSignups.id })
        if (inserted.length === 0) return { id: s.id, status: 'duplicate' as const }
      }
      await putContact(t, { ownerId: s.id, ownerKind: 'signup', name: s.name, contact: s.contact, guardianEmail: s.guardianEmail, purpose: CONTACT_PURPOSE, consentVersion: s.consentVersion, language: s.language }, now)
      if (status === 'pending_guardian' && (existing?.status !== 'pending_guardian' || !existing) && s.guardianEmail) {
        guardianRequests.push({ ownerId: s.id, guardianEmail: s.guardianEmail, token: await createGuardianToken(t, s.id, 'signup', now), itemTitle: target.item.title, municipality: target.item.municipality, language: s.language ?? 'nl' })
      }
      if (adult?.ask && s.contact.channel === 'email') {
        confirmationRequests.push(await requestContactConfirmation(t, { ownerId: s.id, ownerKind: 'signup' }, { contact: s.contact, name: s.name, about: target.item.title, municipality: target.item.municipality, replacesAddress: Boolean(existing), language: s.language ?? 'nl' }, now))
      }
      return { id: s.id, status: 'accepted' as const }
    })
    results.push(result)
  }
  return { results, guardianRequests, confirmationRequests }
}

/** The sign-ups made from one device, with their contact details (the device owns them). */
export async function signupsOfDevice(db: Db, deviceKey: string): Promise<MySignup[]> {
  const rows = await db.select().from(tableSignups).where(eq(tableSignups.deviceKey, deviceKey)).orderBy(asc(tableSignups.receivedAt))
  const contacts = await contactsOf(db, 'signup', rows.map((r) => r.id))
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    status: r.status,
    revision: r.revision,
    name: contacts.get(r.id)?.name ?? null,
    contact: contacts.get(r.id)?.contact ?? null,
    ageBand: r.ageBand as MySignup['ageBand'],
    area: r.area,
    roles: r.roles,
    consentVersion: r.consentVersion,
  }))
}

export async function findSignupOfDevice(db: Db, id: string, deviceKey: string): Promise<SignupRow | null> {
  const [row] = await db.select().from(tableSignups).where(and(eq(tableSignups.id, id), eq(tableSignups.deviceKey, deviceKey)))
  return row ?? null
}

/**
 * Empties what people wrote about themselves (motivation, accessibility needs) and their roles
 * (being a client says one relies on care or income support): kept only while needed.
 */
export async function forgetSignupDetails(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.update(tableSignups).set({ motivation: null, accessibilityNeeds: null, roles: [] }).where(inArray(tableSignups.id, ids))
}

/**
 * Withdraws a sign-up: contact details, free text, roles and any guardian link are deleted at
 * once; the row stays so counts and the draw remain explainable. Returns the status it had, or
 * null when it was withdrawn already (a retried request).
 */
export async function withdrawSignup(db: Db, id: string, now: Date): Promise<SignupStatus | null> {
  const [before] = await db.select({ status: tableSignups.status }).from(tableSignups).where(eq(tableSignups.id, id)).for('update')
  if (!before || before.status === 'withdrawn') return null
  await db.update(tableSignups).set({ status: 'withdrawn', updatedAt: now }).where(eq(tableSignups.id, id))
  await forgetSignupDetails(db, [id])
  await deleteContacts(db, 'signup', [id])
  await deleteGuardianTokens(db, 'signup', [id])
  return before.status
}

export async function signupsOfItem(db: Db, itemId: string): Promise<SignupRow[]> {
  return db.select().from(tableSignups).where(eq(tableSignups.itemId, itemId)).orderBy(asc(tableSignups.receivedAt), asc(tableSignups.id))
}

export async function setSignupStatuses(db: Db, changes: { id: string; status: SignupStatus; drawPosition?: number | null }[], now: Date): Promise<void> {
  for (const c of changes) {
    await db
      .update(tableSignups)
      .set({ status: c.status, updatedAt: now, ...(c.drawPosition === undefined ? {} : { drawPosition: c.drawPosition }) })
      .where(eq(tableSignups.id, c.id))
  }
}
