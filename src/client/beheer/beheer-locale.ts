import { i18n, isLocale, type Locale } from '../i18n'
import { loadBeheerLocale } from './beheer-messages'

/**
 * The official's language, kept in localStorage: a preference, not back-office data (the session
 * itself stays in memory only), and the back office opens no IndexedDB of the residents' app.
 */
const KEY = 'meepraat.beheer.locale'

export function savedBeheerLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY)
    return isLocale(saved) ? saved : 'nl'
  } catch {
    return 'nl' // storage blocked
  }
}

/** Loads the texts, then switches; without the texts (offline) Dutch stays. */
export async function switchBeheerLocale(next: Locale): Promise<void> {
  try {
    await loadBeheerLocale(next)
  } catch {
    next = 'nl'
    await loadBeheerLocale('nl').catch(() => undefined)
  }
  i18n.setLocale(next)
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // storage blocked: the choice lasts until the page closes
  }
}
