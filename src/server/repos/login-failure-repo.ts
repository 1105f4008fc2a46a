import { and, count, eq, gt, inArray, lt } from 'drizzle-orm'
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

export async function recentLoginFailures(db: Db, key: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
  return row?.n ?? 0
}

export async function clearLoginFailures(db: Db, keys: string[], before: Date): Promise<void> {
  await db.delete(loginFailures).where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, before)))
}

/** Drops attempts older than the window they count in. */
export async function deleteOldLoginFailures(db: Db, before: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, before))
}
