import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { ItemStatus } from '../../shared/schemas/item'
import { itemStatusAt } from '../../shared/validation/item-status'
import type { Db } from '../db/client'
import { auditLog } from '../db/schema'

/**
 * The `item.update` audit detail of an edit that made a published item open or not open at that
 * moment (new dates: reopened after closing, or its opening moved later): `{ status }`, the
 * status the edit gave it; nothing when the status stayed. An erasure keeps the result counts of
 * an item that is not open (`eraseDeviceRows`), so only an item whose status an edit changed can
 * be open now with such counts; the tally check (`checkTallies`) reads this to tell that apart.
 */
export function statusChangeDetail(
  stored: { publishedAt: Date | null; opensAt: Date; closesAt: Date },
  next: { opensAt: Date; closesAt: Date },
  now: Date,
): { status: ItemStatus } | Record<string, never> {
  if (!stored.publishedAt) return {}
  const before = itemStatusAt(stored.opensAt, stored.closesAt, now)
  const after = itemStatusAt(next.opensAt, next.closesAt, now)
  return before === after ? {} : { status: after }
}

/** The items an official's edit ever opened or shut after publishing (`statusChangeDetail`). */
export async function itemsWithStatusChanges(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ itemId: auditLog.itemId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'item.update'), isNotNull(auditLog.itemId), sql`${auditLog.details} ->> 'status' is not null`))
  return new Set(rows.map((r) => r.itemId!))
}
