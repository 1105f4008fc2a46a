import { and, asc, eq, gt, inArray, isNotNull, lte, or, type SQL } from 'drizzle-orm'
import type { Feedback } from '../../shared/schemas/feedback'
import type { Item, ItemKind } from '../../shared/schemas/item'
import type { TableInfo } from '../../shared/schemas/table'
import { itemStatusAt } from '../../shared/validation/item-status'
import type { Db } from '../db/client'
import { currentXid, feedback, items, regions, tableDetails } from '../db/schema'
import { encodeCursor, readInOneSnapshot, writtenAfter, type ChangeCursor } from './change-cursor'

type ItemRow = typeof items.$inferSelect
type FeedbackRow = typeof feedback.$inferSelect

/** A feedback row in the shared shape; `correctedById` comes from the row that corrects it, if any. */
export function toFeedback(row: FeedbackRow, correctedById?: string): Feedback {
  return {
    id: row.id,
    publishedAt: row.publishedAt.toISOString(),
    outcome: row.outcome,
    summary: row.summary,
    ...(row.body ? { body: row.body } : {}),
    ...(row.decisionUrl ? { decisionUrl: row.decisionUrl } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.recommendations ? { recommendations: row.recommendations } : {}),
    ...(row.correctsId ? { correctsId: row.correctsId } : {}),
    ...(correctedById ? { correctedById } : {}),
    ...(hasEntries(row.translations) ? { translations: row.translations } : {}),
  }
}

/** An item's feedback in publication order, each marked with the entry that corrects it. */
export function feedbackTimeline(rows: FeedbackRow[]): Feedback[] {
  const correctedBy = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId as string, r.id]))
  return rows.map((r) => toFeedback(r, correctedBy.get(r.id)))
}

type TableRow = typeof tableDetails.$inferSelect

/** What residents see of a table besides the item itself. */
export function toTableInfo(row: TableRow, now: Date): TableInfo {
  const a = row.assignment
  return {
    assignment: a,
    ...(row.advice && row.advicePublishedAt ? { advice: { ...row.advice, publishedAt: row.advicePublishedAt.toISOString() } } : {}),
    ...(row.drawnAt ? { drawnAt: row.drawnAt.toISOString() } : {}),
    signupOpen: !row.drawnAt && now >= new Date(a.signupOpensAt) && now < new Date(a.signupClosesAt),
  }
}

/**
 * Maps a database row to the shared Item shape; the status is decided by the server clock. A
 * regional item names its region as residents read it (`region`) and gives its slug (`regionSlug`),
 * like the municipality list does.
 */
export function toItem(row: ItemRow, feedbackRows: FeedbackRow[], now: Date, tableRow?: TableRow, regionName?: string): Item {
  return {
    id: row.id,
    municipality: row.municipality,
    ...(row.region ? { region: regionName ?? row.region, regionSlug: row.region } : {}),
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    ...(row.body ? { body: row.body } : {}),
    theme: row.theme,
    ladder: row.ladder,
    phase: row.phase,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    feedbackDueAt: row.feedbackDueAt.toISOString(),
    status: itemStatusAt(row.opensAt, row.closesAt, now),
    resultsVisibility: row.resultsVisibility,
    questions: row.questions,
    feedback: feedbackTimeline(feedbackRows),
    ...(row.feedbackDelayReason && row.feedbackFirstDueAt ? { feedbackDelay: { reason: row.feedbackDelayReason, firstDueAt: row.feedbackFirstDueAt.toISOString() } } : {}),
    ...(tableRow ? { table: toTableInfo(tableRow, now) } : {}),
    ...(row.agendaEntryId ? { agendaEntryId: row.agendaEntryId } : {}),
    ...(hasEntries(row.translations) ? { translations: row.translations } : {}),
  }
}

/** Translations are sent only when there are any: most items have none, and the feed stays small. */
function hasEntries(record: Record<string, unknown> | null | undefined): boolean {
  return record != null && Object.keys(record).length > 0
}

/** Visible to residents: published and opened. */
function visibleAt(now: Date): SQL {
  return and(isNotNull(items.publishedAt), lte(items.publishedAt, now), lte(items.opensAt, now)) as SQL
}

/** The names of the regions these rows are for, by slug (regions are few; one small read). */
export async function regionNamesOf(db: Db, rows: readonly Pick<ItemRow, 'region'>[]): Promise<Map<string, string>> {
  const slugs = [...new Set(rows.flatMap((r) => (r.region ? [r.region] : [])))]
  if (slugs.length === 0) return new Map()
  const found = await db.select({ slug: regions.slug, name: regions.name }).from(regions).where(inArray(regions.slug, slugs))
  return new Map(found.map((r) => [r.slug, r.name]))
}

export async function withFeedback(db: Db, rows: ItemRow[], now: Date): Promise<Item[]> {
  if (rows.length === 0) return []
  const regionNames = await regionNamesOf(db, rows)
  const feedbackRows = await db
    .select()
    .from(feedback)
    .where(inArray(feedback.itemId, rows.map((r) => r.id)))
    .orderBy(asc(feedback.publishedAt))
  const byItem = new Map<string, FeedbackRow[]>()
  for (const f of feedbackRows) byItem.set(f.itemId, [...(byItem.get(f.itemId) ?? []), f])
  const tableIds = rows.filter((r) => r.kind === 'table').map((r) => r.id)
  const tables = tableIds.length > 0 ? await db.select().from(tableDetails).where(inArray(tableDetails.itemId, tableIds)) : []
  const tableById = new Map(tables.map((t) => [t.itemId, t]))
  return rows.map((row) => toItem(row, byItem.get(row.id) ?? [], now, tableById.get(row.id), row.region ? regionNames.get(row.region) : undefined))
}

export interface ListItemsInput {
  municipality: string
  /** The municipality's region: its published regional items are in the feed too. */
  region?: string | null | undefined
  kind?: ItemKind | undefined
  /** Undefined reads everything (no cursor, or one from an earlier version). */
  since?: ChangeCursor | undefined
  now: Date
}

/** The items in a municipality's feed: its own, and those for its whole region. */
function inFeedOf(municipality: string, region: string | null | undefined): SQL {
  return region ? (or(eq(items.municipality, municipality), eq(items.region, region)) as SQL) : eq(items.municipality, municipality)
}

/**
 * Published items of a municipality and of its region, newest closing date last. With `since`, only items that
 * changed after that cursor: written by a transaction the cursor had not seen committed, or
 * published, opened or closed by the clock since the cursor's time. Rows and cursor come from
 * one snapshot (see `change-cursor.ts`), so a change committing later is in the next page.
 */
export async function listPublishedItems(db: Db, input: ListItemsInput): Promise<{ items: Item[]; cursor: string }> {
  const { municipality, region, kind, now } = input
  return readInOneSnapshot(db, input.since, now, async ({ tx, next, since }) => {
    const filters: SQL[] = [inFeedOf(municipality, region), visibleAt(now)]
    if (kind) filters.push(eq(items.kind, kind))
    if (since) {
      filters.push(
        or(
          writtenAfter(items.changeXid, since),
          // Changes by the clock alone, no write: each page covers (previous read, this read]
          // (visibleAt already asks opensAt and publishedAt <= now).
          gt(items.opensAt, since.at),
          gt(items.publishedAt, since.at),
          and(gt(items.closesAt, since.at), lte(items.closesAt, now)),
        ) as SQL,
      )
    }
    const rows = await tx.select().from(items).where(and(...filters)).orderBy(asc(items.closesAt), asc(items.id))
    return { items: await withFeedback(tx, rows, now), cursor: encodeCursor(next) }
  })
}

/** One published, opened item, or null (drafts and unknown ids look the same to residents). */
export async function findPublishedItem(db: Db, id: string, now: Date): Promise<Item | null> {
  const rows = await db.select().from(items).where(and(eq(items.id, id), visibleAt(now)))
  const [item] = await withFeedback(db, rows, now)
  return item ?? null
}

/** Set on every update of an item: the `since` feeds and inboxes return it again after this commits. */
export const markItemChanged = { changeXid: currentXid } as const

/** Marks an item as changed so every `since` feed returns it again. */
export async function touchItem(db: Db, id: string): Promise<void> {
  await db
    .update(items)
    .set({ ...markItemChanged, updatedAt: new Date() })
    .where(eq(items.id, id))
}
