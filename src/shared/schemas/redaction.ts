import { z } from 'zod'
import { safeString } from './safe-text'

/** The longest text answer the API stores is far shorter; this bounds what a request may claim. */
const MAX_TEXT = 20_000

/**
 * An official removes the personal part of one text answer: the part as they saw it selected
 * (its offsets and its text, so a part that reads differently now is refused, never guessed at),
 * or the whole answer when no part is given. The removed text is replaced by "[verwijderd]".
 */
export const RedactionRequestSchema = z
  .object({
    questionId: safeString().min(1).max(40),
    part: z
      .object({
        start: z.number().int().min(0).max(MAX_TEXT),
        end: z.number().int().min(1).max(MAX_TEXT),
        text: safeString().min(1).max(MAX_TEXT),
      })
      .refine((p) => p.end > p.start && p.end - p.start === p.text.length, { message: 'end - start must be the length of text' })
      .optional(),
  })
  .strict()
  .meta({ id: 'RedactionRequest' })
export type RedactionRequest = z.infer<typeof RedactionRequestSchema>

export const RedactionResultSchema = z.object({ text: z.string() }).meta({ id: 'RedactionResult' })
export type RedactionResult = z.infer<typeof RedactionResultSchema>
