import { desc, eq } from 'drizzle-orm'
import type { AuditEntry } from '../../shared/schemas/audit'
import type { Db } from '../db/client'
import { auditLog, officials } from '../db/schema'

export interface AuditInput {
  officialId: string | null
  /** Null for an entry about the whole installation (a scheduled job's run). */
  municipality: string | null
  action: string
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
