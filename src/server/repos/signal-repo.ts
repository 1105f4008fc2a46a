import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm'
import type { MySignal, MySignalSupport, PublicSignal, SignalSort } from '../../shared/schemas/signal'
import type { Db } from '../db/client'
import { agendaEntries, councilMeetings, participationAgendas, signals, signalSupports } from '../db/schema'
import { contactsOf, deleteContacts } from './contact-repo'

export type SignalRow = typeof signals.$inferSelect
export type NewSignalRow = typeof signals.$inferInsert

/** Stores a signal unless its id is stored already; `false` means it was there (a replay). */
export async function insertSignalOnce(tx: Db, row: NewSignalRow): Promise<boolean> {
  const inserted = await tx.insert(signals).values(row).onConflictDoNothing({ target: signals.id }).returning({ id: signals.id })
  return inserted.length > 0
}

/** Whether a signal with this id is stored (in any municipality). */
export async function signalExists(db: Db, id: string): Promise<boolean> {
  return (await db.select({ id: signals.id }).from(signals).where(eq(signals.id, id))).length > 0
}

/** Whether the municipality has a published council meeting that starts after `now`. */
export async function isUpcomingMeeting(db: Db, municipality: string, meetingId: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: councilMeetings.id })
    .from(councilMeetings)
    .where(and(eq(councilMeetings.id, meetingId), eq(councilMeetings.municipality, municipality), isNotNull(councilMeetings.publishedAt), gt(councilMeetings.startsAt, now)))
  return rows.length > 0
}

/** Whether the municipality has published this yearly agenda. */
export async function isPublishedAgenda(db: Db, municipality: string, agendaId: string): Promise<boolean> {
  const rows = await db
    .select({ id: participationAgendas.id })
    .from(participationAgendas)
    .where(and(eq(participationAgendas.id, agendaId), eq(participationAgendas.municipality, municipality), isNotNull(participationAgendas.publishedAt)))
  return rows.length > 0
}

/** The agenda an entry of this municipality's published agendas belongs to, or null. */
export async function agendaOfEntry(db: Db, municipality: string, entryId: string): Promise<string | null> {
  const [row] = await db
    .select({ agendaId: agendaEntries.agendaId })
    .from(agendaEntries)
    .innerJoin(participationAgendas, eq(participationAgendas.id, agendaEntries.agendaId))
    .where(and(eq(agendaEntries.id, entryId), eq(agendaEntries.municipality, municipality), isNotNull(participationAgendas.publishedAt)))
  return row?.agendaId ?? null
}

/** The public face of a signal row: nothing of the device, the contact or the moderation. */
export function toPublicSignal(r: SignalRow): PublicSignal {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    theme: r.theme,
    area: r.area,
    status: r.status,
    statusReason: r.statusReason,
    response: r.response,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    responseDueAt: r.responseDueAt.toISOString(),
    supportCount: r.supportCount,
    createdAt: r.createdAt.toISOString(),
    links: { meetingId: r.meetingId, agendaId: r.agendaId, agendaEntryId: r.agendaEntryId, itemId: r.itemId },
  }
}

/** One page of a municipality's published signals, newest first or most backed first (ties: newest). */
export async function publishedSignals(db: Db, municipality: string, page: { sort: SignalSort; limit: number; offset: number }): Promise<{ rows: SignalRow[]; more: boolean }> {
  const order = page.sort === 'support' ? [desc(signals.supportCount), desc(signals.createdAt), asc(signals.id)] : [desc(signals.createdAt), asc(signals.id)]
  const rows = await db
    .select()
    .from(signals)
    .where(and(eq(signals.municipality, municipality), eq(signals.moderation, 'published')))
    .orderBy(...order)
    .limit(page.limit + 1)
    .offset(page.offset)
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit }
}

/**
 * Records one device's "Dit herken ik" on a published signal, at most once. The signal row is
 * locked first, so the count and the support rows change together under any concurrency: a
 * repeat finds its row and changes nothing. Returns null when the signal is not published.
 */
export async function addSupport(tx: Db, signalId: string, deviceKey: string, now: Date): Promise<{ supportCount: number } | null> {
  const [signal] = await tx.select({ moderation: signals.moderation, supportCount: signals.supportCount }).from(signals).where(eq(signals.id, signalId)).for('update')
  if (signal?.moderation !== 'published') return null
  const added = await tx.insert(signalSupports).values({ signalId, deviceKey, createdAt: now }).onConflictDoNothing().returning({ signalId: signalSupports.signalId })
  if (added.length === 0) return { supportCount: signal.supportCount }
  const [updated] = await tx
    .update(signals)
    .set({ supportCount: sql`${signals.supportCount} + 1` })
    .where(eq(signals.id, signalId))
    .returning({ supportCount: signals.supportCount })
  return { supportCount: updated?.supportCount ?? signal.supportCount + 1 }
}

/** The published signal's count, or null when it is not published (or unknown). */
export async function publishedSupportCount(db: Db, signalId: string): Promise<number | null> {
  const [row] = await db.select({ supportCount: signals.supportCount }).from(signals).where(and(eq(signals.id, signalId), eq(signals.moderation, 'published')))
  return row?.supportCount ?? null
}

/** The signals a device raised and the supports it gave, for "Mijn gegevens". */
export async function signalDataOf(db: Db, keys: { signals: string; signal_support: string }): Promise<{ signals: MySignal[]; signalSupports: MySignalSupport[] }> {
  const [own, supports] = await Promise.all([
    db.select().from(signals).where(eq(signals.deviceKey, keys.signals)).orderBy(asc(signals.createdAt)),
    db
      .select({ signalId: signalSupports.signalId, at: signalSupports.createdAt, title: signals.title })
      .from(signalSupports)
      .innerJoin(signals, eq(signals.id, signalSupports.signalId))
      .where(eq(signalSupports.deviceKey, keys.signal_support))
      .orderBy(asc(signalSupports.createdAt)),
  ])
  const contactById = await contactsOf(db, 'signal', own.filter((s) => s.wantsContact).map((s) => s.id))
  return {
    signals: own.map((s) => {
      const c = contactById.get(s.id)
      return {
        id: s.id,
        municipality: s.municipality,
        kind: s.kind,
        title: s.title,
        body: s.body,
        theme: s.theme,
        area: s.area,
        createdAt: s.createdAt.toISOString(),
        moderation: s.moderation,
        status: s.status,
        response: s.response,
        responseDueAt: s.responseDueAt.toISOString(),
        contact: c ? { name: c.name, channel: c.contact.channel, value: c.contact.value } : null,
      }
    }),
    signalSupports: supports.map((s) => ({ signalId: s.signalId, signalTitle: s.title, at: s.at.toISOString() })),
  }
}

/**
 * Erases a device's signals and supports in the caller's transaction. Signals not yet published
 * are deleted; published ones stay for everyone who backed or answered them, but no longer point
 * to the device (its key is replaced by a random value) and their contact details are deleted.
 * Supports are deleted and their counts taken down, under the signal's lock as `addSupport` takes it.
 */
export async function eraseDeviceSignals(tx: Db, keys: { signals: string; signal_support: string }): Promise<{ signalsDeleted: number; signalsAnonymised: number; supports: number }> {
  const ownIds = (await tx.select({ id: signals.id }).from(signals).where(eq(signals.deviceKey, keys.signals))).map((s) => s.id)
  const supportedIds = (await tx.select({ signalId: signalSupports.signalId }).from(signalSupports).where(eq(signalSupports.deviceKey, keys.signal_support))).map((s) => s.signalId)
  const all = [...new Set([...ownIds, ...supportedIds])]
  if (all.length === 0) return { signalsDeleted: 0, signalsAnonymised: 0, supports: 0 }
  // Every row this changes, locked in one statement in id order: two erasures, or an erasure and
  // a support, then never wait on each other in a circle.
  const locked = await tx.select({ id: signals.id, deviceKey: signals.deviceKey, moderation: signals.moderation }).from(signals).where(inArray(signals.id, all)).orderBy(asc(signals.id)).for('update')
  const own = locked.filter((s) => s.deviceKey === keys.signals)
  const unpublished = own.filter((s) => s.moderation !== 'published').map((s) => s.id)
  const published = own.filter((s) => s.moderation === 'published').map((s) => s.id)
  await deleteContacts(tx, 'signal', own.map((s) => s.id))
  // Supports go first: a deleted signal takes its supports with it (cascade), and the counts of
  // the signals that stay are taken down by this device's one support each.
  const removed = (await tx.delete(signalSupports).where(eq(signalSupports.deviceKey, keys.signal_support)).returning({ signalId: signalSupports.signalId })).map((s) => s.signalId)
  if (removed.length > 0) await tx.update(signals).set({ supportCount: sql`greatest(${signals.supportCount} - 1, 0)` }).where(inArray(signals.id, removed))
  if (unpublished.length > 0) await tx.delete(signals).where(inArray(signals.id, unpublished))
  for (const id of published) {
    // A random value that is no device's key: nobody can find the signal from the device any more.
    await tx.update(signals).set({ deviceKey: `erased:${crypto.randomUUID()}`, wantsContact: false }).where(eq(signals.id, id))
  }
  return { signalsDeleted: unpublished.length, signalsAnonymised: published.length, supports: removed.length }
}
