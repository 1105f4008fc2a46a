import { and, count, eq, gt, inArray, lt, max, min, notInArray } from 'drizzle-orm'
import type { Db } from '../db/client'
import { loginFailures } from '../db/schema'

/** Records a sign-in attempt as failed until proven otherwise; returns the row ids to undo it. */
export async function recordLoginFailure(db: Db, keys: string[], now: Date): Promise<string[]> {
  const rows = await db.insert(loginFailures).values(keys.map((key) => ({ key, at: now }))).returning({ id: loginFailures.id })
  return rows.map((r) => r.id)
}

export async function forgetLoginAttempt(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(loginFailures).where(inArray(loginFailures.id, ids))
}

export interface FailureStats {
  count: number
  /** The oldest and newest failure counted; undefined when there are none. */
  oldest: Date | undefined
  latest: Date | undefined
}

/** Failures under `key` after `since`, leaving out the rows in `except` (the attempt being judged). */
export async function loginFailureStats(db: Db, key: string, since: Date, except: string[] = []): Promise<FailureStats> {
  const conditions = [eq(loginFailures.key, key), gt(loginFailures.at, since)]
  if (except.length > 0) conditions.push(notInArray(loginFailures.id, except))
  const [row] = await db
    .select({ n: count(), oldest: min(loginFailures.at), latest: max(loginFailures.at) })
    .from(loginFailures)
    .where(and(...conditions))
  return { count: row?.n ?? 0, oldest: row?.oldest ?? undefined, latest: row?.latest ?? undefined }
}

export async function clearLoginFailures(db: Db, keys: string[], before: Date): Promise<void> {
  await db.delete(loginFailures).where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, before)))
}

/** Drops attempts older than the window they count in. */
export async function deleteOldLoginFailures(db: Db, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, before))
}
