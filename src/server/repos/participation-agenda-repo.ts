import { and, asc, count, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import type { AgendaEntry, AgendaEntryDraft, OfficialAgenda, PublicAgenda } from '../../shared/schemas/participation-agenda'
import type { ParticipationForm } from '../../shared/schemas/agenda-setting'
import { itemStatusAt } from '../../shared/validation/item-status'
import type { Db } from '../db/client'
import { agendaEntries, items, participationAgendas, signals } from '../db/schema'
import { findVocabulary } from './municipality-repo'

type AgendaRow = typeof participationAgendas.$inferSelect
type EntryRow = typeof agendaEntries.$inferSelect

function toEntry(row: EntryRow): AgendaEntry {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    theme: row.theme,
    phase: row.phase,
    ladder: row.ladder,
    forms: row.forms as ParticipationForm[],
    plannedQuarter: row.plannedQuarter,
    status: row.status,
    outcome: row.outcome,
    position: row.position,
  }
}

export async function findAgenda(db: Db, municipality: string, year: number): Promise<AgendaRow | null> {
  const [row] = await db.select().from(participationAgendas).where(and(eq(participationAgendas.municipality, municipality), eq(participationAgendas.year, year)))
  return row ?? null
}

/** The agenda of the year, made on first use; concurrent first uses meet on the unique (municipality, year). */
export async function ensureAgenda(db: Db, municipality: string, year: number, now: Date): Promise<AgendaRow> {
  await db.insert(participationAgendas).values({ municipality, year, updatedAt: now }).onConflictDoNothing()
  return (await findAgenda(db, municipality, year)) as AgendaRow
}

async function entriesOf(db: Db, agendaId: string): Promise<EntryRow[]> {
  return db.select().from(agendaEntries).where(eq(agendaEntries.agendaId, agendaId)).orderBy(asc(agendaEntries.plannedQuarter), asc(agendaEntries.position), asc(agendaEntries.createdAt))
}

export async function officialAgenda(db: Db, municipality: string, year: number): Promise<OfficialAgenda> {
  const [agenda, vocabulary] = [await findAgenda(db, municipality, year), await findVocabulary(db, municipality)]
  const themes = vocabulary?.themes ?? []
  if (!agenda) return { year, id: null, intro: null, publishedAt: null, entries: [], themes }
  return {
    themes,
    year,
    id: agenda.id,
    intro: agenda.intro,
    publishedAt: agenda.publishedAt?.toISOString() ?? null,
    entries: (await entriesOf(db, agenda.id)).map(toEntry),
  }
}

export async function setAgendaIntro(db: Db, agendaId: string, intro: string | null, now: Date): Promise<void> {
  await db.update(participationAgendas).set({ intro: intro && intro.length > 0 ? intro : null, updatedAt: now }).where(eq(participationAgendas.id, agendaId))
}

export async function markAgendaPublished(db: Db, agendaId: string, officialId: string, now: Date): Promise<void> {
  // Publishing again keeps the first date: residents read "published on" as when it became public.
  await db
    .update(participationAgendas)
    .set({ publishedAt: sql`coalesce(${participationAgendas.publishedAt}, ${now.toISOString()}::timestamptz)`, publishedBy: officialId, updatedAt: now })
    .where(eq(participationAgendas.id, agendaId))
}

export async function countEntries(db: Db, agendaId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(agendaEntries).where(eq(agendaEntries.agendaId, agendaId))
  return row?.n ?? 0
}

function entryColumns(draft: AgendaEntryDraft) {
  return {
    title: draft.title,
    summary: draft.summary,
    theme: draft.theme,
    phase: draft.phase,
    ladder: draft.ladder,
    forms: draft.forms,
    plannedQuarter: draft.plannedQuarter,
    status: draft.status,
    outcome: draft.outcome && draft.outcome.length > 0 ? draft.outcome : null,
    ...(draft.position === undefined ? {} : { position: draft.position }),
  }
}

export async function insertEntry(db: Db, agenda: AgendaRow, draft: AgendaEntryDraft, createdBy: string, now: Date): Promise<AgendaEntry> {
  const [row] = await db
    .insert(agendaEntries)
    .values({ ...entryColumns(draft), agendaId: agenda.id, municipality: agenda.municipality, createdBy, createdAt: now, updatedAt: now })
    .returning()
  return toEntry(row!)
}

/** An entry of this municipality, locked for the change that follows; null for another's or none. */
export async function lockOwnEntry(db: Db, municipality: string, id: string): Promise<EntryRow | null> {
  const [row] = await db.select().from(agendaEntries).where(and(eq(agendaEntries.id, id), eq(agendaEntries.municipality, municipality))).for('update')
  return row ?? null
}

export async function updateEntry(db: Db, id: string, draft: AgendaEntryDraft, now: Date): Promise<AgendaEntry> {
  const [row] = await db.update(agendaEntries).set({ ...entryColumns(draft), updatedAt: now }).where(eq(agendaEntries.id, id)).returning()
  return toEntry(row!)
}

/** Removes an entry; items and signals that pointed at it keep existing, without the link. */
export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.update(items).set({ agendaEntryId: null }).where(eq(items.agendaEntryId, id))
  await db.update(signals).set({ agendaEntryId: null }).where(eq(signals.agendaEntryId, id))
  await db.delete(agendaEntries).where(eq(agendaEntries.id, id))
}

export async function entryBelongsTo(db: Db, municipality: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: agendaEntries.id }).from(agendaEntries).where(and(eq(agendaEntries.id, id), eq(agendaEntries.municipality, municipality)))
  return Boolean(row)
}

export async function entryChoices(db: Db, municipality: string): Promise<{ id: string; year: number; title: string }[]> {
  return db
    .select({ id: agendaEntries.id, year: participationAgendas.year, title: agendaEntries.title })
    .from(agendaEntries)
    .innerJoin(participationAgendas, eq(participationAgendas.id, agendaEntries.agendaId))
    .where(eq(agendaEntries.municipality, municipality))
    .orderBy(desc(participationAgendas.year), asc(agendaEntries.plannedQuarter), asc(agendaEntries.position), asc(agendaEntries.title))
}

/**
 * The published agenda of a year as residents see it: each entry with the published items that
 * carry it out (opened already) and how many published signals are linked to it.
 */
export async function publishedAgenda(db: Db, municipality: string, year: number, now: Date): Promise<PublicAgenda | null> {
  const [agenda] = await db
    .select()
    .from(participationAgendas)
    .where(and(eq(participationAgendas.municipality, municipality), eq(participationAgendas.year, year), isNotNull(participationAgendas.publishedAt), lte(participationAgendas.publishedAt, now)))
  if (!agenda?.publishedAt) return null
  const entries = await entriesOf(db, agenda.id)
  const ids = entries.map((e) => e.id)
  const [linkedItems, signalCounts] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ id: items.id, title: items.title, kind: items.kind, opensAt: items.opensAt, closesAt: items.closesAt, entryId: items.agendaEntryId })
            .from(items)
            .where(and(inArray(items.agendaEntryId, ids), isNotNull(items.publishedAt), lte(items.publishedAt, now), lte(items.opensAt, now)))
            .orderBy(asc(items.opensAt)),
          db
            .select({ entryId: signals.agendaEntryId, n: count() })
            .from(signals)
            .where(and(inArray(signals.agendaEntryId, ids), eq(signals.moderation, 'published')))
            .groupBy(signals.agendaEntryId),
        ])
  const signalsByEntry = new Map(signalCounts.map((s) => [s.entryId, Number(s.n)]))
  return {
    id: agenda.id,
    municipality,
    year,
    intro: agenda.intro,
    publishedAt: agenda.publishedAt.toISOString(),
    entries: entries.map((e) => ({
      ...toEntry(e),
      items: linkedItems.filter((i) => i.entryId === e.id).map((i) => ({ id: i.id, title: i.title, kind: i.kind, status: itemStatusAt(i.opensAt, i.closesAt, now) })),
      signalCount: signalsByEntry.get(e.id) ?? 0,
    })),
  }
}
