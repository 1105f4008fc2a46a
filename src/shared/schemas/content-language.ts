import { z } from 'zod'
import { LocalIdSchema } from '../question-types/base'
import { safeString } from './safe-text'

/**
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

export const ContentLanguageSchema = z.enum(CONTENT_LANGUAGES)

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

export const ContentLanguageListSchema = z
  .array(ContentLanguageSchema)
  .max(CONTENT_LANGUAGES.length)
  .refine((l) => new Set(l).size === l.length, 'every language once')

/** One question's texts in another language; ids are the Dutch question's own option and row ids. */
export const QuestionTranslationSchema = z
  .object({
    label: safeString().trim().min(1).max(300).optional(),
    minLabel: safeString().trim().max(80).optional(),
    maxLabel: safeString().trim().max(80).optional(),
    options: z.record(LocalIdSchema, safeString().trim().min(1).max(200)).optional(),
    rows: z.record(LocalIdSchema, safeString().trim().min(1).max(200)).optional(),
  })
  .strict()
export type QuestionTranslation = z.infer<typeof QuestionTranslationSchema>

/**
 * An item's texts in one language. Every field is optional: what is absent shows in Dutch, with
 * `lang="nl"`, so a half-done translation never hides anything.
 */
export const ItemTranslationSchema = z
  .object({
    title: safeString().trim().min(3).max(140).optional(),
    summary: safeString().trim().min(3).max(400).optional(),
    body: safeString().max(10_000).optional(),
    questions: z.record(LocalIdSchema, QuestionTranslationSchema).optional(),
    /** A table's assignment (opdracht): its question and form. */
    assignment: z
      .object({ question: safeString().trim().min(10).max(1000).optional(), form: safeString().trim().max(1000).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ItemTranslation' })
export type ItemTranslation = z.infer<typeof ItemTranslationSchema>

/** Translations by language; Dutch is never among them (it is the item itself). */
export const ItemTranslationsSchema = z.partialRecord(ContentLanguageSchema, ItemTranslationSchema).meta({ id: 'ItemTranslations' })
export type ItemTranslations = z.infer<typeof ItemTranslationsSchema>

/** A feedback entry's texts in one language. */
export const FeedbackTranslationSchema = z
  .object({
    summary: safeString().trim().min(3).max(2000).optional(),
    body: safeString().max(20_000).optional(),
    reason: safeString().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'FeedbackTranslation' })
export type FeedbackTranslation = z.infer<typeof FeedbackTranslationSchema>

export const FeedbackTranslationsSchema = z.partialRecord(ContentLanguageSchema, FeedbackTranslationSchema).meta({ id: 'FeedbackTranslations' })
export type FeedbackTranslations = z.infer<typeof FeedbackTranslationsSchema>
