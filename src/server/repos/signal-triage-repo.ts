import { and, asc, count, desc, eq, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm'
import { FINAL_SIGNAL_STATUSES, isSignalOverdue } from '../../shared/rules/signal-status'
import type { SignalStatus } from '../../shared/schemas/agenda-setting'
import { SIGNAL_LIST_LIMIT, type OfficialSignal, type SignalComment, type SignalListQuery } from '../../shared/schemas/signal-triage'
import type { Db } from '../db/client'
import { agendaEntries, councilMeetings, currentXid, items, meetingTopics, officials, signalComments, signals } from '../db/schema'

/*
 * Signals as the back office reads and changes them, always within one municipality. Nothing
 * here selects `device_key` or `wants_contact`: what leaves this module carries no way to reach
 * or recognise the resident.
 */

type SignalRow = typeof signals.$inferSelect

const columns = {
  id: signals.id,
  municipality: signals.municipality,
  kind: signals.kind,
  title: signals.title,
  body: signals.body,
  theme: signals.theme,
  area: signals.area,
  createdAt: signals.createdAt,
  receivedAt: signals.receivedAt,
  moderation: signals.moderation,
  hiddenReason: signals.hiddenReason,
  moderatedAt: signals.moderatedAt,
  redactedAt: signals.redactedAt,
  status: signals.status,
  statusReason: signals.statusReason,
  response: signals.response,
  respondedAt: signals.respondedAt,
  responseDueAt: signals.responseDueAt,
  agendaId: signals.agendaId,
  agendaEntryId: signals.agendaEntryId,
  itemId: signals.itemId,
  meetingId: signals.meetingId,
  supportCount: signals.supportCount,
  meetingStartsAt: councilMeetings.startsAt,
  commentCount: sql<number>`(select count(*)::int from ${signalComments} where ${signalComments.signalId} = ${signals.id})`.mapWith(Number),
}

type Selected = Omit<SignalRow, 'deviceKey' | 'wantsContact' | 'changeXid' | 'updatedAt' | 'moderatedBy' | 'respondedBy'> & { meetingStartsAt: Date | null; commentCount: number }

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null)

function toOfficialSignal(r: Selected, now: Date): OfficialSignal {
  return {
    id: r.id,
    municipality: r.municipality,
    kind: r.kind,
    title: r.title,
    body: r.body,
    theme: r.theme,
    area: r.area,
    createdAt: r.createdAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    moderation: r.moderation,
    hiddenReason: r.hiddenReason,
    moderatedAt: iso(r.moderatedAt),
    redactedAt: iso(r.redactedAt),
    status: r.status,
    statusReason: r.statusReason,
    response: r.response,
    respondedAt: iso(r.respondedAt),
    responseDueAt: r.responseDueAt.toISOString(),
    overdue: isSignalOverdue(r, now),
    agendaId: r.agendaId,
    agendaEntryId: r.agendaEntryId,
    itemId: r.itemId,
    meetingId: r.meetingId,
    meetingStartsAt: iso(r.meetingStartsAt),
    supportCount: r.supportCount,
    commentCount: r.commentCount,
  }
}

/** Open (not answered, not taken up) and past the due date at `now`. */
function overdueCondition(now: Date): SQL {
  return and(notInArray(signals.status, [...FINAL_SIGNAL_STATUSES]), lte(signals.responseDueAt, now))!
}

const ORDER = {
  newest: [desc(signals.receivedAt), asc(signals.id)],
  support: [desc(signals.supportCount), desc(signals.receivedAt), asc(signals.id)],
  due: [asc(signals.responseDueAt), asc(signals.id)],
} as const

/** A municipality's signals for the back office; `publishedOnly` for council members. */
export async function listSignals(db: Db, municipality: string, query: SignalListQuery & { publishedOnly: boolean }, now: Date): Promise<{ signals: OfficialSignal[]; truncated: boolean }> {
  const conditions: SQL[] = [eq(signals.municipality, municipality)]
  if (query.publishedOnly) conditions.push(eq(signals.moderation, 'published'))
  if (query.moderation) conditions.push(eq(signals.moderation, query.moderation))
  if (query.status) conditions.push(eq(signals.status, query.status))
  if (query.overdue === true) conditions.push(overdueCondition(now))
  if (query.overdue === false) conditions.push(sql`not (${overdueCondition(now)})`)
  const rows = await db
    .select(columns)
    .from(signals)
    .leftJoin(councilMeetings, eq(councilMeetings.id, signals.meetingId))
    .where(and(...conditions))
    .orderBy(...ORDER[query.sort])
    .limit(SIGNAL_LIST_LIMIT + 1)
  return { signals: rows.slice(0, SIGNAL_LIST_LIMIT).map((r) => toOfficialSignal(r, now)), truncated: rows.length > SIGNAL_LIST_LIMIT }
}

/** One signal of the municipality (null when it is not there or belongs to another one). */
export async function findSignal(db: Db, municipality: string, id: string, now: Date): Promise<OfficialSignal | null> {
  const [row] = await db
    .select(columns)
    .from(signals)
    .leftJoin(councilMeetings, eq(councilMeetings.id, signals.meetingId))
    .where(and(eq(signals.id, id), eq(signals.municipality, municipality)))
  return row ? toOfficialSignal(row, now) : null
}

/** Locks the signal's row for a change in this transaction; what the rules need to decide. */
export async function lockSignal(tx: Db, municipality: string, id: string): Promise<SignalRow | null> {
  const [row] = await tx
    .select()
    .from(signals)
    .where(and(eq(signals.id, id), eq(signals.municipality, municipality)))
    .for('update')
  return row ?? null
}

/** The fields a triage change may set. */
export type SignalChange = Partial<
  Pick<SignalRow, 'title' | 'body' | 'moderation' | 'hiddenReason' | 'moderatedBy' | 'moderatedAt' | 'redactedAt' | 'status' | 'statusReason' | 'response' | 'respondedAt' | 'respondedBy' | 'agendaEntryId' | 'itemId' | 'meetingId'>
>

/**
 * Writes a change. `residentSees` marks it as news for the resident's inbox (`change_xid`, like
 * `markItemChanged`): status and response changes are; moderation and redaction are not, so the
 * inbox never shows the same promise twice.
 */
export async function updateSignal(tx: Db, id: string, change: SignalChange, residentSees: boolean, now: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ ...change, updatedAt: now, ...(residentSees ? { changeXid: currentXid } : {}) })
    .where(eq(signals.id, id))
}

export async function commentsOf(db: Db, signalId: string, viewerId: string): Promise<SignalComment[]> {
  const rows = await db
    .select({ id: signalComments.id, body: signalComments.body, createdAt: signalComments.createdAt, authorId: signalComments.authorId, role: officials.role })
    .from(signalComments)
    .leftJoin(officials, eq(officials.id, signalComments.authorId))
    .where(eq(signalComments.signalId, signalId))
    .orderBy(asc(signalComments.createdAt), asc(signalComments.id))
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt.toISOString(), authorRole: r.role ?? 'official', mine: r.authorId === viewerId }))
}

export async function insertComment(tx: Db, comment: { signalId: string; authorId: string; body: string }, now: Date): Promise<string> {
  const [row] = await tx.insert(signalComments).values({ ...comment, createdAt: now }).returning({ id: signalComments.id })
  return row!.id
}

/** Whether the link target exists in the municipality; for a meeting, also its date. */
export async function linkTargetExists(db: Db, municipality: string, kind: 'agenda_entry' | 'item' | 'meeting', id: string): Promise<boolean> {
  const table = { agenda_entry: agendaEntries, item: items, meeting: councilMeetings }[kind]
  const [row] = await db
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.id, id), eq(table.municipality, municipality)))
  return (row?.n ?? 0) > 0
}

/** Puts the signal on the meeting's agenda as a topic, once: a repeat finds the topic there. */
export async function addMeetingTopicOnce(tx: Db, meetingId: string, signal: { id: string; title: string }): Promise<void> {
  const [existing] = await tx
    .select({ id: meetingTopics.id })
    .from(meetingTopics)
    .where(and(eq(meetingTopics.meetingId, meetingId), eq(meetingTopics.signalId, signal.id)))
  if (existing) return
  const [last] = await tx
    .select({ position: sql<number>`coalesce(max(${meetingTopics.position}), -1)`.mapWith(Number) })
    .from(meetingTopics)
    .where(eq(meetingTopics.meetingId, meetingId))
  await tx.insert(meetingTopics).values({ meetingId, title: signal.title, signalId: signal.id, position: (last?.position ?? -1) + 1 })
}

/** Open signals whose response is overdue or due before `horizon`, earliest first. */
export async function signalsDue(db: Db, municipality: string, horizon: Date, now: Date) {
  const rows = await db
    .select({ id: signals.id, title: signals.title, kind: signals.kind, status: signals.status, responseDueAt: signals.responseDueAt, supportCount: signals.supportCount })
    .from(signals)
    .where(and(eq(signals.municipality, municipality), notInArray(signals.status, [...FINAL_SIGNAL_STATUSES]), lte(signals.responseDueAt, horizon)))
    .orderBy(asc(signals.responseDueAt), asc(signals.id))
  return rows.map((r) => ({ ...r, responseDueAt: r.responseDueAt.toISOString(), overdue: r.responseDueAt <= now }))
}

/** The counts behind the public figures: answered on time, answered at all, open past due. */
export async function signalFigures(db: Db, municipality: string, now: Date): Promise<{ responded: number; respondedOnTime: number; overdue: number }> {
  const final = inArray(signals.status, [...FINAL_SIGNAL_STATUSES] as SignalStatus[])
  const [row] = await db
    .select({
      responded: sql<number>`count(*) filter (where ${final} and ${signals.respondedAt} <= ${now})`.mapWith(Number),
      respondedOnTime: sql<number>`count(*) filter (where ${final} and ${signals.respondedAt} <= ${now} and ${signals.respondedAt} <= ${signals.responseDueAt})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${overdueCondition(now)})`.mapWith(Number),
    })
    .from(signals)
    .where(eq(signals.municipality, municipality))
  return { responded: row?.responded ?? 0, respondedOnTime: row?.respondedOnTime ?? 0, overdue: row?.overdue ?? 0 }
}

/** A redacted title also replaces the copy on meeting agendas. */
export async function renameMeetingTopics(tx: Db, signalId: string, title: string): Promise<void> {
  await tx.update(meetingTopics).set({ title }).where(eq(meetingTopics.signalId, signalId))
}
