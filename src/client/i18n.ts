import { computed, readonly, ref, type Ref } from 'vue'
// The Dutch texts of the first routes; the rest of locales/nl.json is a lazy chunk
// (scripts/vite/first-route-texts.ts splits the file at build time).
import firstRouteTexts from 'virtual:meepraat-texts/first'
import { formatDateIn } from './date-format'
import type { MessageKey } from './message-keys'

export type { MessageKey } from './message-keys'

/**
 * A tiny translator of our own: vue-i18n does not support our Node version, and we only need
 * flat keys, `{name}` interpolation, a singular form and dates. Dutch (nl.json) is the source;
 * a key missing in another language falls back to Dutch, so a late translation never shows a
 * raw key to a resident.
 */
export const LOCALES = ['nl', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type Messages = Record<string, string>
export type Params = Record<string, string | number>
/** `t` as a value, for helpers that translate on a component's behalf. */
export type Translate<K extends string = MessageKey> = (key: K, params?: Params) => string

const DATE_LOCALES: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** `K` is the keys `t` accepts: the app's MessageKey, or a test translator's own. */
export interface I18n<K extends string = MessageKey> {
  locale: Readonly<Ref<Locale>>
  setLocale(next: Locale): void
  t: Translate<K>
  /** Whether a text exists in Dutch (the fallback), for keys made from open data such as a municipality's own themes. */
  has(key: string): key is K
  formatDate(iso: string | Date, withTime?: boolean): string
  formatNumber(value: number, maximumFractionDigits?: number): string
  /** Adds texts loaded later (English, the back office), so most residents never download them. */
  addMessages(extra: Partial<Record<Locale, Messages>>): void
}

export function createI18n<K extends string = MessageKey>(messages: Record<Locale, Partial<Record<K, string>>>, initial: Locale = 'nl'): I18n<K> {
  const locale = ref<Locale>(initial)
  // Bumped when texts arrive, so what rendered before them without its own text (a key of a late
  // section, or Dutch while the English was on its way) renders again. Only that: a page whose
  // texts were all there does not render again when the rest arrives (a long task on a slow phone).
  const revision = ref(0)

  // Looked up as plain strings: `${key}.one` is looked for whether or not a key has one.
  const texts: Record<Locale, Partial<Messages>> = messages
  function lookup(key: string): string | undefined {
    const own = texts[locale.value][key]
    if (own !== undefined) return own
    void revision.value
    return texts.nl[key]
  }

  function t(key: K, params?: Params): string {
    // `{count}` of 1 picks the `key.one` text when there is one ("1 persoon", not "1 mensen").
    const one = params?.count === 1 ? lookup(`${key}.one`) : undefined
    const text = one ?? lookup(key) ?? key
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name]
      return value === undefined ? whole : String(value)
    })
  }

  function has(key: string): key is K {
    if (texts.nl[key] !== undefined) return true
    void revision.value
    return false
  }

  function formatDate(iso: string | Date, withTime = false): string {
    return formatDateIn(locale.value, typeof iso === 'string' ? new Date(iso) : iso, withTime)
  }

  // One formatter per language and precision: a results page formats dozens of figures.
  const numberFormats = new Map<string, Intl.NumberFormat>()
  function formatNumber(value: number, maximumFractionDigits = 0): string {
    const cacheKey = `${locale.value}:${maximumFractionDigits}`
    let format = numberFormats.get(cacheKey)
    if (!format) {
      format = new Intl.NumberFormat(DATE_LOCALES[locale.value], { maximumFractionDigits })
      numberFormats.set(cacheKey, format)
    }
    return format.format(value)
  }

  function setLocale(next: Locale): void {
    locale.value = next
    // Screen readers pick their voice from <html lang>, so it must follow the switch.
    if (typeof document !== 'undefined') document.documentElement.lang = next
  }

  function addMessages(extra: Partial<Record<Locale, Messages>>): void {
    for (const l of LOCALES) Object.assign(texts[l], extra[l] ?? {})
    revision.value++
  }

  return { locale: readonly(locale), setLocale, t, has, formatDate, formatNumber, addMessages }
}

/** The app's one translator. */
export const i18n = createI18n<MessageKey>({ nl: { ...firstRouteTexts }, en: {} })

/** Loads once; a failed load (offline, never cached) is tried again on the next call. */
function loadOnce(load: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null
      throw error
    }))
}

const loadEnglish = loadOnce(() => import('./locales/en.json').then((module) => i18n.addMessages({ en: module.default })))
const loadRestOfDutch = loadOnce(() => import('virtual:meepraat-texts/rest').then((module) => i18n.addMessages({ nl: module.default })))

/**
 * The texts the first screens need in `locale`: the first routes' Dutch is built in; English
 * comes as its own file the first time someone needs it, so the Dutch majority does not download it.
 */
export function loadFirstRouteTexts(locale: Locale): Promise<void> {
  return locale === 'nl' ? Promise.resolve() : loadEnglish()
}

/** Makes sure every text of a language is loaded: the rest of Dutch (the fallback of every language) and English when asked. */
export function loadLocale(locale: Locale): Promise<void> {
  return Promise.all([loadRestOfDutch(), loadFirstRouteTexts(locale)]).then(() => undefined)
}

/**
 * A lazy part of a first route (a ranking, a table's sections), loaded with every text of the
 * current language: the first routes' own texts come with the entry, and the rest of the texts
 * is not fetched on a first visit until something needs it. Without the texts (offline, never
 * cached) the part still loads, with what is there.
 */
export function withAllTexts<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadLocale(i18n.locale.value).catch(() => undefined)]).then(([module]) => module)
}

/** Composable for components; `locale` is reactive so templates re-render on a switch. */
export function useI18n(): I18n & { dateLocale: Readonly<Ref<string>> } {
  return { ...i18n, dateLocale: computed(() => DATE_LOCALES[i18n.locale.value]) }
}
