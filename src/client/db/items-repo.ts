import type { Item } from '../../shared/schemas/item'
import type { MeepraatDb, StoredItem } from './db'

/**
 * Keeps items as last seen from the server so the app works offline. Items are replaced whole:
 * the server's copy is the truth, there is nothing local to merge.
 */
export async function saveItems(db: MeepraatDb, items: readonly Item[], feedOf?: string): Promise<void> {
  if (items.length === 0) return
  await db.transaction('rw', db.items, async () => {
    // An item from another municipality's feed (a regional one) is remembered for that feed too.
    const stored = await db.items.bulkGet(items.map((i) => i.id))
    const merged = items.map((item, n): StoredItem => {
      const alsoFor = new Set(stored[n]?.alsoFor ?? [])
      if (feedOf !== undefined && feedOf !== item.municipality) alsoFor.add(feedOf)
      return alsoFor.size > 0 ? { ...item, alsoFor: [...alsoFor] } : { ...item }
    })
    await db.items.bulkPut(merged)
  })
}

/** A municipality's items, regional ones from its feed included, newest first (by the moment they opened). */
export async function itemsOf(db: MeepraatDb, municipality: string): Promise<StoredItem[]> {
  const [own, regional] = await Promise.all([db.items.where('municipality').equals(municipality).toArray(), db.items.where('alsoFor').equals(municipality).toArray()])
  const items = [...own, ...regional.filter((r) => r.municipality !== municipality)]
  // Compared as instants: the strings may carry different UTC offsets.
  return items.sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt))
}

/** One item, or `undefined` when this device has never seen it. */
export function itemById(db: MeepraatDb, id: string): Promise<StoredItem | undefined> {
  return db.items.get(id)
}
