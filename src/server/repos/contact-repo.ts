import { and, eq, inArray } from 'drizzle-orm'
import type { Contact } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import { contacts } from '../db/schema'

export type OwnerKind = 'signup' | 'interest' | 'signal'

export interface StoredContact {
  ownerId: string
  name: string
  contact: Contact
  guardianEmail: string | null
  /** The language every e-mail to this person (and their guardian) is written in. */
  language: 'nl' | 'en'
}

/** Stores (or replaces) the contact details of a sign-up or interest, with purpose and consent. */
export async function putContact(
  db: Db,
  input: { ownerId: string; ownerKind: OwnerKind; name: string; contact: Contact; guardianEmail?: string | undefined; purpose: string; consentVersion: string; language?: 'nl' | 'en' | undefined },
  now: Date,
): Promise<void> {
  const values = {
    ownerId: input.ownerId,
    ownerKind: input.ownerKind,
    name: input.name,
    channel: input.contact.channel,
    value: input.contact.value,
    guardianEmail: input.guardianEmail ?? null,
    purpose: input.purpose,
    consentVersion: input.consentVersion,
    language: input.language ?? 'nl',
    createdAt: now,
  }
  await db.insert(contacts).values(values).onConflictDoUpdate({ target: [contacts.ownerKind, contacts.ownerId], set: { ...values, createdAt: undefined } })
}

export async function contactsOf(db: Db, kind: OwnerKind, ownerIds: string[]): Promise<Map<string, StoredContact>> {
  if (ownerIds.length === 0) return new Map()
  const rows = await db.select().from(contacts).where(and(eq(contacts.ownerKind, kind), inArray(contacts.ownerId, ownerIds)))
  return new Map(
    rows.map((r) => [
      r.ownerId,
      { ownerId: r.ownerId, name: r.name, contact: { channel: r.channel, value: r.value } as Contact, guardianEmail: r.guardianEmail, language: r.language ?? 'nl' },
    ]),
  )
}

/** Deletes contact details for good; returns how many were deleted. */
export async function deleteContacts(db: Db, kind: OwnerKind, ownerIds: string[]): Promise<number> {
  if (ownerIds.length === 0) return 0
  const rows = await db
    .delete(contacts)
    .where(and(eq(contacts.ownerKind, kind), inArray(contacts.ownerId, ownerIds)))
    .returning({ id: contacts.ownerId })
  return rows.length
}
