import { z } from 'zod'
import { safeString } from './safe-text'

/** Ids of questions and options: short, stable, url-safe. */
export const LocalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected a short id')

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const OptionSchema = z.object({ id: LocalIdSchema, label: safeString().min(1).max(200) })
export type Option = z.infer<typeof OptionSchema>

/** Default longest text answer, in characters, when a text question sets no `max`. */
export const DEFAULT_TEXT_MAX = 1000

/**
 * One question of an item.
 * - `single`: pick one of `options`.
 * - `multiple`: pick one or more of `options`; `max` caps how many.
 * - `scale`: a whole number from `min` to `max`; `minLabel`/`maxLabel` name the ends,
 *   `smileys` shows faces instead of numbers.
 * - `text`: free text of at most `max` characters (default {@link DEFAULT_TEXT_MAX}).
 */
export const QuestionSchema = z
  .object({
    id: LocalIdSchema,
    type: z.enum(QUESTION_TYPES),
    label: safeString().min(1).max(300),
    required: z.boolean(),
    options: z.array(OptionSchema).max(30).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    minLabel: safeString().max(80).optional(),
    maxLabel: safeString().max(80).optional(),
    smileys: z.boolean().optional(),
  })
  .meta({ id: 'Question' })
export type Question = z.infer<typeof QuestionSchema>

/**
 * A single answer: an option id (single), option ids (multiple), a number (scale) or text.
 * Deliberately a plain string here, not {@link safeString}: whether a value fits is decided per
 * submission by `findAnswerIssues` (which refuses unsafe text and any string that is not an
 * option id), so one bad answer rejects its own submission (`invalid_answers`), not the batch.
 */
export const AnswerValueSchema = z.union([
  z.string().max(5000),
  z.array(z.string().max(40)).max(30),
  z.number().finite(),
])
export type AnswerValue = z.infer<typeof AnswerValueSchema>

/** Answers keyed by question id. */
export const AnswersSchema = z.record(LocalIdSchema, AnswerValueSchema)
export type Answers = z.infer<typeof AnswersSchema>
