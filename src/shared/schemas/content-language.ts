import { z } from 'zod'
import { LocalIdSchema } from '../question-types/base'
import { CONTENT_LANGUAGES } from '../rules/content-language-names'
import { safeString } from './safe-text'

// The plain data (codes, endonyms, direction) lives without zod so the residents' first route can use it.
export {
  CONTENT_LANGUAGES,
  DEFAULT_CONTENT_LANGUAGES,
  LANGUAGE_ENDONYMS,
  textDirection,
  type ContentLanguage,
  type TextLanguage,
} from '../rules/content-language-names'

export const ContentLanguageSchema = z.enum(CONTENT_LANGUAGES)

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
