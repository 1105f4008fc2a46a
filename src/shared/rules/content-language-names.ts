/**
 * The content languages as plain data, without zod: the residents' app needs the codes, their
 * endonyms and their direction on the first route, and importing the schema module for them
 * would pull the whole schema library along. `schemas/content-language.ts` re-exports these.
 *
 * Languages a municipality can write its content in besides Dutch. Dutch is always the source
 * and always complete; these are translations an official adds. The list holds the languages
 * the seeds' newcomers and the region's residents read (status holders from Syria and Eritrea,
 * labour migrants from Poland, refugees from Ukraine, residents of Turkish origin) and English.
 * Codes are BCP 47 primary tags, so they go straight into `lang` attributes and speech voices.
 */
export const CONTENT_LANGUAGES = ['en', 'ar', 'tr', 'pl', 'uk', 'ti', 'so', 'fa', 'ro', 'bg', 'es', 'fr', 'de', 'pt'] as const
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number]

/** Dutch, the language every item is written in first, or one of the translations. */
export type TextLanguage = 'nl' | ContentLanguage

/** Scripts written right to left among the content languages. */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar', 'fa'])

/** The `dir` attribute for text in this language. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr'
}

/**
 * Each language's own name for itself (an endonym): a resident who reads no Dutch finds their
 * language in a list by the name they know. Shown with `lang` set to the code itself.
 */
export const LANGUAGE_ENDONYMS: Readonly<Record<TextLanguage, string>> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  tr: 'Türkçe',
  pl: 'Polski',
  uk: 'Українська',
  ti: 'ትግርኛ',
  so: 'Soomaali',
  fa: 'فارسی',
  ro: 'Română',
  bg: 'Български',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  pt: 'Português',
}

/** The municipality's content languages when it has chosen none: English only. */
export const DEFAULT_CONTENT_LANGUAGES: readonly ContentLanguage[] = ['en']

export function isContentLanguage(value: unknown): value is ContentLanguage {
  return typeof value === 'string' && (CONTENT_LANGUAGES as readonly string[]).includes(value)
}
