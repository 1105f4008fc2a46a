import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, lt, ne, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sessions } from '../db/schema'

/** A session ends after this long without use... */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
/** ...and in any case this long after sign-in. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')
const newToken = () => randomBytes(32).toString('base64url')

/** 'ready', or a sign-in that still owes its second factor (the code, or setting one up first). */
export type SessionStage = 'ready' | 'code' | 'enrolment'

export interface SessionRecord {
  officialId: string
  csrfToken: string
  /** The end that no use extends (sign-in + SESSION_MAX_MS). */
  expiresAt: Date
  stage: SessionStage
}

/** Starts a new session with a fresh id and CSRF token (a new id at every sign-in stops fixation). */
export async function createSession(db: Db, officialId: string, now: Date, stage: SessionStage = 'ready'): Promise<{ token: string; csrfToken: string }> {
  const token = newToken()
  const csrfToken = newToken()
  await db.insert(sessions).values({
    idHash: hashOf(token),
    officialId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
    stage,
  })
  return { token, csrfToken }
}

/** The live session for a cookie value, sliding its idle timeout; null when unknown or expired. */
export async function findSession(db: Db, token: string, now: Date, idleMs: number = SESSION_IDLE_MS): Promise<SessionRecord | null> {
  const idHash = hashOf(token)
  const [row] = await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))))
    .returning({ officialId: sessions.officialId, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, stage: sessions.stage })
  return row ?? null
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashOf(token)))
}

/** Removes sessions that can no longer be used. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
}

/** Ends every session of an official (after a password change or reset), except `keepToken`'s if given. */
export async function deleteSessionsOf(db: Db, officialId: string, keepToken?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(keepToken ? and(eq(sessions.officialId, officialId), ne(sessions.idHash, hashOf(keepToken))) : eq(sessions.officialId, officialId))
    .returning({ idHash: sessions.idHash })
  return rows.length
}
