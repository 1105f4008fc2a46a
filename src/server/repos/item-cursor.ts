import { END_OF_TIME_MS } from '../../shared/schemas/safe-text'

/**
 * The `since` cursor of the item feed: the highest change number seen and the time of the read.
 * The time matters because an item also changes for residents without anyone editing it: it
 * opens, or its closing time passes.
 */
export interface ItemCursor {
  seq: number
  at: Date
}

export function encodeCursor(cursor: ItemCursor): string {
  return `${cursor.seq.toString(36)}_${cursor.at.getTime().toString(36)}`
}

/** Returns null for anything this API did not hand out. */
export function decodeCursor(value: string): ItemCursor | null {
  const match = /^([0-9a-z]{1,13})_([0-9a-z]{1,13})$/.exec(value)
  if (!match) return null
  const seq = Number.parseInt(match[1] as string, 36)
  const at = Number.parseInt(match[2] as string, 36)
  // A time past the years 2000-2100 was never handed out, and as a timestamp it would fail in the database.
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(at) || at >= END_OF_TIME_MS) return null
  return { seq, at: new Date(at) }
}
