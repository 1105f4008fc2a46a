import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { ItemDraft, ItemState, ManagedItem } from '../../shared/schemas/item-draft'
import { feedbackDueMovesLater, isSameDate } from '../../shared/validation/published-dates'
import type { Db } from '../db/client'
import { feedback, items, tableDetails } from '../db/schema'
import { respondentCounts } from './result-counts'
import { markItemChanged, regionNamesOf, toItem } from './item-repo'

type ItemRow = typeof items.$inferSelect

export function stateOf(row: Pick<ItemRow, 'publishedAt' | 'opensAt' | 'closesAt'>, now: Date): ItemState {
  if (!row.publishedAt) return 'draft'
  if (row.publishedAt > now || row.opensAt > now) return 'scheduled'
  return now < row.closesAt ? 'open' : 'closed'
}

/**
 * The items an official reaches: those of their municipality, and the regional items of the
 * regions listed (see `services/item-access.ts` for who may change which).
 */
export interface ItemScope {
  municipality: string
  regions: readonly string[]
}

function inScope(scope: string | ItemScope): SQL {
  if (typeof scope === 'string') return eq(items.municipality, scope)
  if (scope.regions.length === 0) return eq(items.municipality, scope.municipality)
  return or(eq(items.municipality, scope.municipality), inArray(items.region, [...scope.regions])) as SQL
}

/** Rows as officials see them; `readOnly(row)` marks the ones this official may only read. */
async function toManaged(db: Db, rows: ItemRow[], now: Date, readOnly: (row: ItemRow) => boolean = () => false): Promise<ManagedItem[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const regionNames = await regionNamesOf(db, rows)
  const [feedbackRows, respondents] = await Promise.all([
    db.select().from(feedback).where(inArray(feedback.itemId, ids)).orderBy(feedback.publishedAt),
    respondentCounts(db, ids),
  ])
  const tableIds = rows.filter((r) => r.kind === 'table').map((r) => r.id)
  const tables = tableIds.length > 0 ? await db.select().from(tableDetails).where(inArray(tableDetails.itemId, tableIds)) : []
  return rows.map((row) => ({
    ...toItem(row, feedbackRows.filter((f) => f.itemId === row.id), now, tables.find((t) => t.itemId === row.id), row.region ? regionNames.get(row.region) : undefined),
    state: stateOf(row, now),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    respondents: respondents.get(row.id) ?? 0,
    ...(readOnly(row) ? { readOnly: true as const } : {}),
  }))
}

function draftColumns(d: ItemDraft) {
  return {
    kind: d.kind,
    title: d.title,
    summary: d.summary,
    body: d.body ?? null,
    theme: d.theme,
    ladder: d.ladder,
    phase: d.phase,
    opensAt: new Date(d.opensAt),
    closesAt: new Date(d.closesAt),
    feedbackDueAt: new Date(d.feedbackDueAt),
    resultsVisibility: d.resultsVisibility,
    questions: d.questions,
    // Absent leaves the link as it is (an older client), null removes it.
    ...(d.agendaEntryId === undefined ? {} : { agendaEntryId: d.agendaEntryId }),
    // Absent keeps the stored translations (an older client that does not know them).
    ...(d.translations === undefined ? {} : { translations: d.translations }),
  }
}

/** All items in reach (a municipality slug: its own items), drafts included, newest first. */
export async function listManagedItems(db: Db, scope: string | ItemScope, now: Date, readOnly?: (row: ItemRow) => boolean): Promise<ManagedItem[]> {
  const rows = await db.select().from(items).where(inScope(scope)).orderBy(desc(items.createdAt))
  return toManaged(db, rows, now, readOnly)
}

/** The row of an item in reach, or null: other municipalities' items do not exist here. */
export async function findOwnItemRow(db: Db, scope: string | ItemScope, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(items).where(and(eq(items.id, id), inScope(scope)))
  return row ?? null
}

/** The same row, locked until the transaction ends: a check on it and the change after it see one state. */
export async function lockOwnItemRow(db: Db, scope: string | ItemScope, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(items).where(and(eq(items.id, id), inScope(scope))).for('update')
  return row ?? null
}

export async function findManagedItem(db: Db, scope: string | ItemScope, id: string, now: Date, readOnly?: (row: ItemRow) => boolean): Promise<ManagedItem | null> {
  const row = await findOwnItemRow(db, scope, id)
  if (!row) return null
  const [managed] = await toManaged(db, [row], now, readOnly)
  return managed ?? null
}

/** A new draft; `region` makes it an item for that whole region. */
export async function createDraft(db: Db, municipality: string, officialId: string, draft: ItemDraft, region: string | null = null): Promise<string> {
  const [row] = await db
    .insert(items)
    .values({ ...draftColumns(draft), municipality, region, createdBy: officialId })
    .returning({ id: items.id })
  return row!.id
}

/**
 * Saves new content; every change is marked so resident feeds pick it up. On a
 * published item the checks of `publishedDateProblem` came first: a date within a minute of the
 * stored one (the form drops seconds) keeps the stored value, and a later feedback date stores
 * the reason and keeps the date first promised.
 */
export async function updateItemContent(db: Db, row: ItemRow, draft: ItemDraft, now: Date): Promise<Pick<ItemRow, 'opensAt' | 'closesAt'>> {
  const columns = draftColumns(draft)
  const delay: Partial<ItemRow> = {}
  if (row.publishedAt) {
    if (isSameDate(row.closesAt, columns.closesAt)) columns.closesAt = row.closesAt
    if (isSameDate(row.feedbackDueAt, columns.feedbackDueAt)) columns.feedbackDueAt = row.feedbackDueAt
    else if (feedbackDueMovesLater(row.feedbackDueAt, columns.feedbackDueAt)) {
      delay.feedbackDelayReason = draft.feedbackDelayReason?.trim() ?? null
      delay.feedbackFirstDueAt = row.feedbackFirstDueAt ?? row.feedbackDueAt
    }
  }
  await db
    .update(items)
    .set({ ...columns, ...delay, ...markItemChanged, updatedAt: now })
    .where(eq(items.id, row.id))
  return { opensAt: columns.opensAt, closesAt: columns.closesAt }
}

export async function publishItem(db: Db, id: string, now: Date): Promise<void> {
  await db.update(items).set({ publishedAt: now, ...markItemChanged, updatedAt: now }).where(eq(items.id, id))
}

/** Closes now; answers given before this moment may still arrive within the grace period. */
export async function closeItemNow(db: Db, id: string, now: Date): Promise<void> {
  await db.update(items).set({ closesAt: now, ...markItemChanged, updatedAt: now }).where(eq(items.id, id))
}

/** An item of any municipality by id (for resident routes that must name the item in a message). */
export async function findManagedItemById(db: Db, id: string, now: Date): Promise<ManagedItem | null> {
  const [row] = await db.select().from(items).where(eq(items.id, id))
  if (!row) return null
  const [managed] = await toManaged(db, [row], now)
  return managed ?? null
}
