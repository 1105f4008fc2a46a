import type { DraftForm } from './draft-form'

/**
 * An unsaved item draft, kept in this browser's localStorage so that a session time-out (or a
 * closed tab) loses no work. Keyed by official and item, so a colleague on the same computer is
 * never offered someone else's text; removed as soon as the item is saved. It holds only what
 * the official typed into the item form, never residents' answers or contact details.
 */
const PREFIX = 'meepraat.beheer.draft'

export const draftKey = (officialId: string, itemId: string | undefined): string => `${PREFIX}.${officialId}.${itemId ?? 'new'}`

export interface KeptDraft {
  keptAt: string
  form: DraftForm
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Storage switched off (a strict privacy setting): drafts then live only on the page.
    return null
  }
}

export function keepDraft(key: string, form: DraftForm, now = new Date()): void {
  try {
    storage()?.setItem(key, JSON.stringify({ keptAt: now.toISOString(), form } satisfies KeptDraft))
  } catch {
    // Full or refused: the draft is still on the page.
  }
}

export function readDraft(key: string): KeptDraft | null {
  const text = storage()?.getItem(key)
  if (!text) return null
  try {
    const parsed = JSON.parse(text) as Partial<KeptDraft>
    return typeof parsed.keptAt === 'string' && parsed.form && typeof parsed.form === 'object' ? (parsed as KeptDraft) : null
  } catch {
    return null
  }
}

export function forgetDraft(key: string): void {
  storage()?.removeItem(key)
}
