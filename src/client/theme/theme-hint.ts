import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'

/**
 * The theme of the chosen municipality, remembered in localStorage so `public/theme-boot.js` can
 * put its class and stylesheet on the page before the app starts (IndexedDB is asynchronous and
 * would come too late: a flash of the default colours). Keep the key, the id and both patterns
 * the same as in that file.
 */
export const THEME_HINT_KEY = 'meepraat.theme'
export const THEME_LINK_ID = 'mp-theme-css'
const THEME_CLASS = /^mp-theme-[a-z0-9]+(?:-[a-z0-9]+)*$/
const THEME_HREF = /^\/api\/municipalities\/[a-z0-9-]+\/theme\.css\?v=[\w-]+$/

export type ThemeHint = Pick<MunicipalityProfile, 'themeClass' | 'themeCssUrl'>

/** Only our own class names and same-origin theme URLs, whatever localStorage or the server holds. */
export function isThemeHint(value: unknown): value is ThemeHint {
  const v = value as Partial<ThemeHint> | null
  return typeof v?.themeClass === 'string' && THEME_CLASS.test(v.themeClass) && typeof v.themeCssUrl === 'string' && THEME_HREF.test(v.themeCssUrl)
}

/**
 * The theme stylesheets this module started loading, each settling on its load or error event.
 * A link that theme-boot.js put in <head> is not here: it held the first paint, so it is in.
 */
const loads = new WeakMap<HTMLLinkElement, { settled: Promise<void>; settle: () => void }>()

function trackLoad(link: HTMLLinkElement): void {
  // A replaced href may never fire for the old one: let whoever waited on it go on.
  loads.get(link)?.settle()
  let settle = () => {}
  const settled = new Promise<void>((resolve) => (settle = resolve))
  link.addEventListener('load', () => settle(), { once: true })
  link.addEventListener('error', () => settle(), { once: true })
  loads.set(link, { settled, settle })
}

/** Puts the theme's class on <html> and its stylesheet in <head>; `null` goes back to the default theme. */
export function applyTheme(doc: Document, hint: ThemeHint | null): void {
  const root = doc.documentElement
  for (const cls of [...root.classList]) if (cls.startsWith('mp-theme-') && cls !== hint?.themeClass) root.classList.remove(cls)
  const existing = doc.getElementById(THEME_LINK_ID) as HTMLLinkElement | null
  if (!hint || !isThemeHint(hint)) {
    existing?.remove()
    return
  }
  root.classList.add(hint.themeClass)
  if (existing?.getAttribute('href') === hint.themeCssUrl) return
  const link = existing ?? doc.createElement('link')
  link.id = THEME_LINK_ID
  link.rel = 'stylesheet'
  // Listening before the href is set: a cached sheet may load at once.
  trackLoad(link)
  link.setAttribute('href', hint.themeCssUrl)
  if (!existing) doc.head.appendChild(link)
}

/**
 * Resolves once the theme stylesheet on the page has loaded or failed: at once when there is
 * none, or when it is the one theme-boot.js put there before the first paint.
 */
export function themeStylesheetSettled(doc: Document): Promise<void> {
  const link = doc.getElementById(THEME_LINK_ID) as HTMLLinkElement | null
  return (link && loads.get(link)?.settled) ?? Promise.resolve()
}

/** Remembers (or forgets) the theme for the next visit's first paint. Storage may be blocked: then it just flashes. */
export function rememberTheme(hint: ThemeHint | null): void {
  try {
    if (hint && isThemeHint(hint)) localStorage.setItem(THEME_HINT_KEY, JSON.stringify({ themeClass: hint.themeClass, themeCssUrl: hint.themeCssUrl }))
    else localStorage.removeItem(THEME_HINT_KEY)
  } catch {
    // Private modes may refuse storage; the theme still follows once the app has read IndexedDB.
  }
}
