import { eq } from 'drizzle-orm'
import type { Advice, TableAssignment } from '../../shared/schemas/table'
import type { Db } from '../db/client'
import { currentXid, tableDetails } from '../db/schema'
import { touchItem } from './item-repo'

export type TableRow = typeof tableDetails.$inferSelect

export async function findTable(db: Db, itemId: string): Promise<TableRow | null> {
  const [row] = await db.select().from(tableDetails).where(eq(tableDetails.itemId, itemId))
  return row ?? null
}

/** Sets a table's assignment (opdracht); residents' feeds pick the change up. */
export async function putAssignment(db: Db, itemId: string, assignment: TableAssignment): Promise<void> {
  await db.insert(tableDetails).values({ itemId, assignment }).onConflictDoUpdate({ target: tableDetails.itemId, set: { assignment } })
  await touchItem(db, itemId)
}

export async function publishAdvice(db: Db, itemId: string, advice: Advice, now: Date): Promise<void> {
  await db.update(tableDetails).set({ advice, advicePublishedAt: now, adviceXid: currentXid }).where(eq(tableDetails.itemId, itemId))
  await touchItem(db, itemId)
}

export async function recordDraw(db: Db, itemId: string, record: Record<string, unknown>, now: Date): Promise<void> {
  await db.update(tableDetails).set({ drawnAt: now, drawRecord: record }).where(eq(tableDetails.itemId, itemId))
  await touchItem(db, itemId)
}
