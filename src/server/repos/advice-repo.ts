import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { AdviceDraft, CouncilAdvice, RecommendationDecision } from '../../shared/schemas/advice'
import type { Db } from '../db/client'
import { pgTextArray } from '../db/raw-sql'
import { adviceRecommendations, agendaEntries, councilAdvice, items } from '../db/schema'

type AdviceRow = typeof councilAdvice.$inferSelect

/** Writes a new draft advice and its recommendations (in the caller's transaction). */
export async function insertAdvice(tx: Db, input: { municipality: string; authorId: string; draft: AdviceDraft }, now: Date): Promise<string> {
  const [row] = await tx
    .insert(councilAdvice)
    .values({ municipality: input.municipality, authorId: input.authorId, ...draftColumns(input.draft), createdAt: now, updatedAt: now })
    .returning({ id: councilAdvice.id })
  await insertRecommendations(tx, row!.id, input.draft.recommendations)
  return row!.id
}

/** Replaces a draft's text and recommendations (a draft has no decisions yet, so nothing is lost). */
export async function replaceDraft(tx: Db, id: string, draft: AdviceDraft, now: Date): Promise<void> {
  await tx.update(councilAdvice).set({ ...draftColumns(draft), updatedAt: now }).where(eq(councilAdvice.id, id))
  await tx.delete(adviceRecommendations).where(eq(adviceRecommendations.adviceId, id))
  await insertRecommendations(tx, id, draft.recommendations)
}

function draftColumns(draft: AdviceDraft) {
  return { kind: draft.kind, itemId: draft.itemId ?? null, agendaEntryId: draft.agendaEntryId ?? null, title: draft.title, body: draft.body }
}

async function insertRecommendations(tx: Db, adviceId: string, texts: readonly string[]): Promise<void> {
  await tx.insert(adviceRecommendations).values(texts.map((text, position) => ({ adviceId, position, text })))
}

/** The advice row of this municipality, locked for the rest of the transaction. */
export async function lockAdvice(tx: Db, municipality: string, id: string): Promise<AdviceRow | undefined> {
  const [row] = await tx.select().from(councilAdvice).where(and(eq(councilAdvice.id, id), eq(councilAdvice.municipality, municipality))).for('update')
  return row
}

export async function recommendationIdsOf(tx: Db, adviceId: string): Promise<string[]> {
  const rows = await tx.select({ id: adviceRecommendations.id }).from(adviceRecommendations).where(eq(adviceRecommendations.adviceId, adviceId))
  return rows.map((r) => r.id)
}

export async function markSubmitted(tx: Db, id: string, submittedAt: Date, responseDueAt: Date): Promise<void> {
  await tx.update(councilAdvice).set({ submittedAt, responseDueAt, updatedAt: submittedAt }).where(eq(councilAdvice.id, id))
}

export async function saveResponse(tx: Db, id: string, response: { summary: string; decisions: readonly RecommendationDecision[]; by: string }, now: Date): Promise<void> {
  // Every recommendation's decision in one statement, not one round trip each.
  const { decisions } = response
  if (decisions.length > 0) {
    await tx.execute(sql`
      update advice_recommendations as r set decision = d.decision, explanation = d.explanation
      from unnest(${pgTextArray(decisions.map((d) => d.recommendationId))}::uuid[], ${pgTextArray(decisions.map((d) => d.decision))}::text[],
                  ${pgTextArray(decisions.map((d) => d.explanation ?? null))}::text[]) as d(id, decision, explanation)
      where r.id = d.id and r.advice_id = ${id}`)
  }
  await tx.update(councilAdvice).set({ responseSummary: response.summary, respondedAt: now, respondedBy: response.by, updatedAt: now }).where(eq(councilAdvice.id, id))
}

/** Which advice a list shows: drafts only for council members; the public only submitted advice. */
export interface AdviceFilter {
  municipality: string
  withDrafts: boolean
  id?: string
}

/** Advice with its recommendations and the title of what asked advice is about; submitted newest first, drafts on top. */
export async function listAdvice(db: Db, filter: AdviceFilter, now: Date): Promise<CouncilAdvice[]> {
  const conditions = [eq(councilAdvice.municipality, filter.municipality)]
  if (!filter.withDrafts) conditions.push(isNotNull(councilAdvice.submittedAt))
  if (filter.id) conditions.push(eq(councilAdvice.id, filter.id))
  const rows = await db
    .select({ advice: councilAdvice, itemTitle: items.title, entryTitle: agendaEntries.title })
    .from(councilAdvice)
    .leftJoin(items, eq(items.id, councilAdvice.itemId))
    .leftJoin(agendaEntries, eq(agendaEntries.id, councilAdvice.agendaEntryId))
    .where(and(...conditions))
    .orderBy(desc(isNull(councilAdvice.submittedAt)), desc(councilAdvice.submittedAt), desc(councilAdvice.updatedAt))
  if (rows.length === 0) return []
  const recs = await db
    .select()
    .from(adviceRecommendations)
    .where(inArray(adviceRecommendations.adviceId, rows.map((r) => r.advice.id)))
    .orderBy(asc(adviceRecommendations.position))
  return rows.map(({ advice: a, itemTitle, entryTitle }) => ({
    id: a.id,
    municipality: a.municipality,
    kind: a.kind,
    ...(a.itemId ? { itemId: a.itemId } : {}),
    ...(a.agendaEntryId ? { agendaEntryId: a.agendaEntryId } : {}),
    ...((itemTitle ?? entryTitle) ? { subjectTitle: (itemTitle ?? entryTitle)! } : {}),
    title: a.title,
    body: a.body,
    recommendations: recs
      .filter((r) => r.adviceId === a.id)
      .map((r) => ({ id: r.id, position: r.position, text: r.text, ...(r.decision ? { decision: r.decision } : {}), ...(r.explanation ? { explanation: r.explanation } : {}) })),
    updatedAt: a.updatedAt.toISOString(),
    ...(a.submittedAt ? { submittedAt: a.submittedAt.toISOString() } : {}),
    ...(a.responseDueAt ? { responseDueAt: a.responseDueAt.toISOString() } : {}),
    overdue: isOverdue(a, now),
    ...(a.responseSummary ? { responseSummary: a.responseSummary } : {}),
    ...(a.respondedAt ? { respondedAt: a.respondedAt.toISOString() } : {}),
  }))
}

const isOverdue = (a: Pick<AdviceRow, 'submittedAt' | 'respondedAt' | 'responseDueAt'>, now: Date) =>
  Boolean(a.submittedAt && !a.respondedAt && a.responseDueAt && a.responseDueAt < now)

/** Submitted advice still waiting for its answer past the due date, oldest due first. */
export async function overdueAdvice(db: Db, municipality: string, now: Date): Promise<{ id: string; title: string; submittedAt: string; responseDueAt: string }[]> {
  const rows = await db
    .select({ id: councilAdvice.id, title: councilAdvice.title, submittedAt: councilAdvice.submittedAt, responseDueAt: councilAdvice.responseDueAt })
    .from(councilAdvice)
    .where(and(eq(councilAdvice.municipality, municipality), isNotNull(councilAdvice.submittedAt), isNull(councilAdvice.respondedAt), lt(councilAdvice.responseDueAt, now)))
    .orderBy(asc(councilAdvice.responseDueAt))
  return rows.map((r) => ({ id: r.id, title: r.title, submittedAt: r.submittedAt!.toISOString(), responseDueAt: r.responseDueAt!.toISOString() }))
}

/** Whether the agenda entry belongs to this municipality (asked advice and approach proposals are about one). */
export async function agendaEntryOf(db: Db, municipality: string, id: string): Promise<{ id: string; title: string } | undefined> {
  const [row] = await db.select({ id: agendaEntries.id, title: agendaEntries.title }).from(agendaEntries).where(and(eq(agendaEntries.id, id), eq(agendaEntries.municipality, municipality)))
  return row
}
