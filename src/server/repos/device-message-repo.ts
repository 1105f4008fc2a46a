import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/client'
import { deviceMessages } from '../db/schema'
import { writtenAfter, type ChangeCursor } from './change-cursor'

export type DeviceMessageKind = (typeof deviceMessages.$inferInsert)['kind']

/**
 * Puts a message in a device's inbox, under the key of the purpose it is about: a table's news
 * under the sign-up's key, an invitation under the interest's key. So no message row links two
 * purposes of one device.
 */
export async function addDeviceMessages(db: Db, messages: { deviceKey: string; itemId: string; kind: DeviceMessageKind }[], now: Date): Promise<void> {
  if (messages.length > 0) await db.insert(deviceMessages).values(messages.map((m) => ({ ...m, at: now })))
}

/** A device's messages committed after the cursor (all of them without one), under any of its keys. */
export async function deviceMessagesOf(db: Db, deviceKeys: readonly string[], since: ChangeCursor | undefined) {
  return db
    .select()
    .from(deviceMessages)
    .where(and(inArray(deviceMessages.deviceKey, [...deviceKeys]), writtenAfter(deviceMessages.createdXid, since)))
}

/** Devices that already got a message of this kind about an item (so nobody is invited twice). */
export async function devicesMessaged(db: Db, itemId: string, kind: DeviceMessageKind): Promise<Set<string>> {
  const rows = await db.select({ deviceKey: deviceMessages.deviceKey }).from(deviceMessages).where(and(eq(deviceMessages.itemId, itemId), eq(deviceMessages.kind, kind)))
  return new Set(rows.map((r) => r.deviceKey))
}
