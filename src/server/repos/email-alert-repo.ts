import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm'
import type { EmailAlert } from '../../shared/schemas/email-alert'
import type { Db } from '../db/client'
import { itemEmailAlerts, items } from '../db/schema'

type AlertRow = typeof itemEmailAlerts.$inferSelect

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')
const newToken = () => randomBytes(32).toString('base64url')

/**
 * The one-click unsubscribe token of an alert. It must be the same in every mail of the alert,
 * yet only its hash is stored: so it is derived from the alert id with a server secret (HMAC),
 * and can be made again for each mail without being kept.
 */
export type UnsubscribeTokenOf = (alertId: string) => string

/** What a new or renewed alert needs mailed: its confirmation link (a token, not a hash). */
export interface AskedAlert {
  row: AlertRow
  /** Null when nothing is to be mailed: the same address was confirmed for this item already. */
  confirmToken: string | null
}

/**
 * Stores the address for this device and item, replacing an earlier one. A new or changed address
 * starts unconfirmed with a fresh link (double opt-in); the same address, confirmed already, stays
 * confirmed and gets no new mail (asking twice is not a way to mail someone twice).
 */
export async function putEmailAlert(
  tx: Db,
  input: { itemId: string; deviceKey: string; email: string; language: 'nl' | 'en'; consentVersion: string },
  unsubscribeTokenOf: UnsubscribeTokenOf,
  now: Date,
): Promise<AskedAlert> {
  const [existing] = await tx
    .select()
    .from(itemEmailAlerts)
    .where(and(eq(itemEmailAlerts.deviceKey, input.deviceKey), eq(itemEmailAlerts.itemId, input.itemId)))
    .for('update')
  if (existing?.confirmedAt && existing.email.toLowerCase() === input.email.toLowerCase()) {
    const [row] = await tx.update(itemEmailAlerts).set({ language: input.language, consentVersion: input.consentVersion }).where(eq(itemEmailAlerts.id, existing.id)).returning()
    return { row: row!, confirmToken: null }
  }
  const id = existing?.id ?? randomUUID()
  const confirmToken = newToken()
  const values = { ...input, createdAt: now, confirmedAt: null, confirmTokenHash: hashOf(confirmToken), unsubscribeTokenHash: hashOf(unsubscribeTokenOf(id)) }
  const [row] = await tx
    .insert(itemEmailAlerts)
    .values({ id, ...values })
    .onConflictDoUpdate({ target: [itemEmailAlerts.deviceKey, itemEmailAlerts.itemId], set: values })
    .returning()
  return { row: row!, confirmToken }
}

/** Uses a confirmation link made after `notBefore`; null for an unknown, used or expired one. */
export async function confirmEmailAlert(db: Db, token: string, notBefore: Date, now: Date): Promise<AlertRow | null> {
  const [row] = await db
    .update(itemEmailAlerts)
    .set({ confirmedAt: now, confirmTokenHash: null })
    .where(and(eq(itemEmailAlerts.confirmTokenHash, hashOf(token)), isNull(itemEmailAlerts.confirmedAt), gt(itemEmailAlerts.createdAt, notBefore)))
    .returning()
  return row ?? null
}

/** One click in any alert mail: the alert and its address are deleted. */
export async function unsubscribeEmailAlert(db: Db, token: string): Promise<AlertRow | null> {
  const [row] = await db.delete(itemEmailAlerts).where(eq(itemEmailAlerts.unsubscribeTokenHash, hashOf(token))).returning()
  return row ?? null
}

/** The confirmed alerts of an item, locked: the mails about to go out are queued while they are held. */
export async function confirmedAlertsOf(tx: Db, itemId: string): Promise<AlertRow[]> {
  return tx
    .select()
    .from(itemEmailAlerts)
    .where(and(eq(itemEmailAlerts.itemId, itemId), isNotNull(itemEmailAlerts.confirmedAt)))
    .orderBy(asc(itemEmailAlerts.createdAt))
    .for('update')
}

/** Every alert of an item, confirmed or not: the final response has gone out, nothing is left to mail. */
export async function deleteAlertsOfItem(tx: Db, itemId: string): Promise<number> {
  return (await tx.delete(itemEmailAlerts).where(eq(itemEmailAlerts.itemId, itemId)).returning({ id: itemEmailAlerts.id })).length
}

/** A device's alerts with the titles of their items. */
export async function emailAlertsOfDevice(db: Db, deviceKey: string): Promise<EmailAlert[]> {
  const rows = await db
    .select({ a: itemEmailAlerts, title: items.title })
    .from(itemEmailAlerts)
    .innerJoin(items, eq(items.id, itemEmailAlerts.itemId))
    .where(eq(itemEmailAlerts.deviceKey, deviceKey))
    .orderBy(asc(itemEmailAlerts.createdAt))
  return rows.map(({ a, title }) => toEmailAlert(a, title))
}

export function toEmailAlert(a: AlertRow, itemTitle: string): EmailAlert {
  return { id: a.id, itemId: a.itemId, itemTitle, email: a.email, language: a.language, consentVersion: a.consentVersion, createdAt: a.createdAt.toISOString(), confirmedAt: a.confirmedAt?.toISOString() ?? null }
}

/** Deletes this device's alerts (one, or all when `id` is unset); returns the ids deleted. */
export async function deleteEmailAlertsOfDevice(db: Db, deviceKey: string, id?: string): Promise<string[]> {
  const where = id ? and(eq(itemEmailAlerts.deviceKey, deviceKey), eq(itemEmailAlerts.id, id)) : eq(itemEmailAlerts.deviceKey, deviceKey)
  return (await db.delete(itemEmailAlerts).where(where).returning({ id: itemEmailAlerts.id })).map((r) => r.id)
}

/** Addresses never confirmed within the link's lifetime are deleted (retention). */
export async function deleteUnconfirmedAlerts(db: Db, createdBefore: Date): Promise<string[]> {
  return (
    await db
      .delete(itemEmailAlerts)
      .where(and(isNull(itemEmailAlerts.confirmedAt), lte(itemEmailAlerts.createdAt, createdBefore)))
      .returning({ id: itemEmailAlerts.id })
  ).map((r) => r.id)
}
