import { z } from 'zod'
import { LocalIdSchema } from './question'

/** Public results of one question. Text answers are never public: only how many answered. */
export const QuestionResultSchema = z.object({
  questionId: LocalIdSchema,
  type: z.enum(['single', 'multiple', 'scale', 'text']),
  /** Devices that answered this question. */
  answered: z.number().int().nonnegative(),
  /** Per option (single, multiple) or per scale value: how many devices chose it. */
  counts: z.array(z.object({ key: z.string(), count: z.number().int().nonnegative() })).optional(),
  /** Mean of a scale question, when anyone answered it. */
  mean: z.number().optional(),
})
export type QuestionResult = z.infer<typeof QuestionResultSchema>

export const ResultsSchema = z
  .object({
    itemId: z.uuid(),
    /** Devices that gave input; a device that changed its answer counts once. */
    respondents: z.number().int().nonnegative(),
    questions: z.array(QuestionResultSchema),
  })
  .meta({ id: 'Results' })
export type Results = z.infer<typeof ResultsSchema>
