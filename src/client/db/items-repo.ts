import type { Item } from '../../shared/schemas/item'
import type { MeepraatDb, StoredItem } from './db'

/**
 * Keeps items as last seen from the server so the app works offline. Items are replaced whole:
 * the server's copy is the truth, there is nothing local to merge.
 */
export async function saveItems(db: MeepraatDb, items: readonly Item[]): Promise<void> {
  if (items.length === 0) return
  await db.items.bulkPut([...items])
}

/** A municipality's items, newest first (by the moment they opened). */
export async function itemsOf(db: MeepraatDb, municipality: string): Promise<StoredItem[]> {
  const items = await db.items.where('municipality').equals(municipality).toArray()
  // Compared as instants: the strings may carry different UTC offsets.
  return items.sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt))
}

/** One item, or `undefined` when this device has never seen it. */
export function itemById(db: MeepraatDb, id: string): Promise<StoredItem | undefined> {
  return db.items.get(id)
}
