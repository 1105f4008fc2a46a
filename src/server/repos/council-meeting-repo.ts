import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { CouncilMeeting } from '../../shared/schemas/council-meeting'
import { MeetingInputSchema } from '../../shared/schemas/council-meeting'
import type { Db } from '../db/client'
import { councilMeetings, meetingTopics, signals } from '../db/schema'

type MeetingRow = typeof councilMeetings.$inferSelect
type Parsed = ReturnType<typeof MeetingInputSchema.parse>

function columns(input: Parsed) {
  return {
    startsAt: new Date(input.startsAt),
    place: input.place ?? null,
    onlineUrl: input.onlineUrl ?? null,
    minutes: input.minutes ?? null,
    agreements: input.agreements ?? null,
  }
}

export async function insertMeeting(tx: Db, input: { municipality: string; createdBy: string; meeting: Parsed }, now: Date): Promise<string> {
  const [row] = await tx
    .insert(councilMeetings)
    .values({ municipality: input.municipality, createdBy: input.createdBy, ...columns(input.meeting), createdAt: now, updatedAt: now })
    .returning({ id: councilMeetings.id })
  await insertTopics(tx, row!.id, input.meeting.topics)
  return row!.id
}

/** Replaces the meeting's fields and agenda; a topic keeps the resident's signal it came from. */
export async function replaceMeeting(tx: Db, id: string, meeting: Parsed, now: Date): Promise<void> {
  await tx.update(councilMeetings).set({ ...columns(meeting), updatedAt: now }).where(eq(councilMeetings.id, id))
  await tx.delete(meetingTopics).where(eq(meetingTopics.meetingId, id))
  await insertTopics(tx, id, meeting.topics)
}

async function insertTopics(tx: Db, meetingId: string, topics: Parsed['topics']): Promise<void> {
  if (topics.length === 0) return
  await tx.insert(meetingTopics).values(
    topics.map((t, position) => ({ meetingId, position, title: t.title, description: t.description ?? null, documents: t.documents, signalId: t.signalId ?? null })),
  )
}

export async function lockMeeting(tx: Db, municipality: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx.select().from(councilMeetings).where(and(eq(councilMeetings.id, id), eq(councilMeetings.municipality, municipality))).for('update')
  return row
}

export async function markPublished(tx: Db, id: string, now: Date): Promise<void> {
  await tx.update(councilMeetings).set({ publishedAt: now, updatedAt: now }).where(eq(councilMeetings.id, id))
}

/**
 * Meetings of a municipality with their topics: coming ones first (soonest first), then past
 * ones (latest first), so the list starts with what a resident can still take part in.
 */
export async function listMeetings(db: Db, filter: { municipality: string; publishedOnly: boolean; id?: string }, now: Date): Promise<CouncilMeeting[]> {
  const conditions = [eq(councilMeetings.municipality, filter.municipality)]
  if (filter.publishedOnly) conditions.push(isNotNull(councilMeetings.publishedAt))
  if (filter.id) conditions.push(eq(councilMeetings.id, filter.id))
  const rows = await db.select().from(councilMeetings).where(and(...conditions)).orderBy(desc(councilMeetings.startsAt))
  if (rows.length === 0) return []
  const topics = await db.select().from(meetingTopics).where(inArray(meetingTopics.meetingId, rows.map((r) => r.id))).orderBy(asc(meetingTopics.position))
  const upcoming = rows.filter((r) => r.startsAt >= now).reverse()
  const past = rows.filter((r) => r.startsAt < now)
  return [...upcoming, ...past].map((m) => ({
    id: m.id,
    municipality: m.municipality,
    startsAt: m.startsAt.toISOString(),
    ...(m.place ? { place: m.place } : {}),
    ...(m.onlineUrl ? { onlineUrl: m.onlineUrl } : {}),
    topics: topics
      .filter((t) => t.meetingId === m.id)
      .map((t) => ({
        id: t.id,
        title: t.title,
        ...(t.description ? { description: t.description } : {}),
        documents: t.documents,
        fromResident: t.signalId !== null,
        ...(t.signalId ? { signalId: t.signalId } : {}),
      })),
    ...(m.minutes ? { minutes: m.minutes } : {}),
    ...(m.agreements ? { agreements: m.agreements } : {}),
    ...(m.publishedAt ? { publishedAt: m.publishedAt.toISOString() } : {}),
    upcoming: m.startsAt >= now,
  }))
}

/** Which of these signals are the municipality's own (a topic may only link a signal of its meeting's municipality). */
export async function ownSignalIds(tx: Db, municipality: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await tx.select({ id: signals.id }).from(signals).where(and(eq(signals.municipality, municipality), inArray(signals.id, [...ids])))
  return new Set(rows.map((r) => r.id))
}
