import { OnBehalfEntrySchema, type OnBehalfEntry } from '../../shared/schemas/on-behalf'

/*
 * The stack of paper forms an official is entering, kept in localStorage per item until the
 * server accepted them: a closed tab, a lost connection or a sign-out does not lose an entered
 * form. Each entry keeps the id it got when it was added, so sending again stores it once.
 * Entries are removed as soon as the server answered for them (accepted, duplicate or refused).
 */

const keyOf = (itemId: string) => `meepraat.beheer.onBehalf.${itemId}`

export function loadQueue(itemId: string, storage: Storage = localStorage): OnBehalfEntry[] {
  try {
    const raw = JSON.parse(storage.getItem(keyOf(itemId)) ?? '[]') as unknown
    if (!Array.isArray(raw)) return []
    // An entry that no longer fits the schema (an older version) is left out rather than sent.
    return raw.flatMap((e) => {
      const parsed = OnBehalfEntrySchema.safeParse(e)
      return parsed.success ? [parsed.data] : []
    })
  } catch {
    return []
  }
}

export function saveQueue(itemId: string, entries: readonly OnBehalfEntry[], storage: Storage = localStorage): void {
  if (entries.length === 0) storage.removeItem(keyOf(itemId))
  else storage.setItem(keyOf(itemId), JSON.stringify(entries))
}
