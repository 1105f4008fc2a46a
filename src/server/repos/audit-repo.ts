import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { AuditAction, JobAuditAction } from '../../shared/audit-actions'
import type { AuditEntry } from '../../shared/schemas/audit'
import type { AuditExportQuery, AuditLogEntry } from '../../shared/schemas/audit-log'
import type { Db } from '../db/client'
import { auditLog, items, officials } from '../db/schema'

export interface AuditInput {
  officialId: string | null
  /** Null for an entry about the whole installation (a scheduled job's run). */
  municipality: string | null
  action: AuditAction | JobAuditAction
  itemId?: string | null
  /** Ids, counts and field names only: never answers, contact details or passwords. */
  details?: Record<string, unknown>
}

export async function recordAudit(db: Db, entry: AuditInput, now: Date): Promise<void> {
  await db.insert(auditLog).values({
    at: now,
    officialId: entry.officialId,
    municipality: entry.municipality,
    action: entry.action,
    itemId: entry.itemId ?? null,
    details: entry.details ?? {},
  })
}

/** The newest audit entries of one municipality. */
export async function listAudit(db: Db, municipality: string, limit = 200): Promise<AuditEntry[]> {
  const rows = await db
    .select({ a: auditLog, email: officials.email })
    .from(auditLog)
    .leftJoin(officials, eq(officials.id, auditLog.officialId))
    .where(eq(auditLog.municipality, municipality))
    .orderBy(desc(auditLog.at))
    .limit(limit)
  return rows.map(({ a, email }) => ({
    id: a.id,
    at: a.at.toISOString(),
    officialEmail: email,
    action: a.action,
    itemId: a.itemId,
    details: a.details,
  }))
}

/** Where a page ends: the exact (at, id) of its last entry, at the database's own precision. */
export interface AuditPosition {
  at: string
  id: string
}

export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(`${position.at}|${position.id}`, 'utf8').toString('base64url')
}

/** The position in a cursor, or null when it is not one of ours (the route answers 400). */
export function decodeAuditCursor(cursor: string): AuditPosition | null {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (rest.length > 0 || !at || !id) return null
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || !/^[0-9a-f-]{36}$/i.test(id)) return null
  return { at, id }
}

function filterConditions(municipality: string, filter: AuditExportQuery): SQL[] {
  const conditions: SQL[] = [eq(auditLog.municipality, municipality)]
  if (filter.officialId) conditions.push(eq(auditLog.officialId, filter.officialId))
  if (filter.action) conditions.push(eq(auditLog.action, filter.action))
  if (filter.itemId) conditions.push(eq(auditLog.itemId, filter.itemId))
  if (filter.from) conditions.push(gte(auditLog.at, new Date(filter.from)))
  if (filter.to) conditions.push(lt(auditLog.at, new Date(filter.to)))
  return conditions
}

/**
 * One page of a municipality's audit log, newest first, by keyset on (at, id): each page starts
 * strictly after the last entry of the one before, so entries written while someone pages
 * (newer, so before the cursor) never shift a page and every entry shows up exactly once. The
 * cursor keeps `at` to the microsecond, as PostgreSQL stores it, so no two entries tie on it.
 */
export async function listAuditPage(
  db: Db,
  municipality: string,
  filter: AuditExportQuery,
  page: { after: AuditPosition | null; limit: number },
): Promise<{ entries: AuditLogEntry[]; next: AuditPosition | null }> {
  const conditions = filterConditions(municipality, filter)
  if (page.after) conditions.push(sql`(${auditLog.at}, ${auditLog.id}) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`)
  const rows = await db
    .select({
      a: auditLog,
      exactAt: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      email: officials.email,
      itemTitle: items.title,
    })
    .from(auditLog)
    .leftJoin(officials, eq(officials.id, auditLog.officialId))
    // The item must be the municipality's own: an id in details never reveals another's title.
    .leftJoin(items, and(eq(items.id, auditLog.itemId), eq(items.municipality, municipality)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit + 1)
  const more = rows.length > page.limit
  const shown = more ? rows.slice(0, page.limit) : rows
  const last = shown.at(-1)
  return {
    entries: shown.map(({ a, email, itemTitle }) => ({
      id: a.id,
      at: a.at.toISOString(),
      officialId: a.officialId,
      officialEmail: email,
      action: a.action,
      itemId: a.itemId,
      itemTitle,
      details: a.details,
    })),
    next: more && last ? { at: last.exactAt, id: last.a.id } : null,
  }
}
