import { z } from 'zod'
import { QuestionResultSchema } from '../question-types/registry'

/** Public results of one question, shaped by its type's module. Text answers are never public: only how many answered. */
export { QuestionResultSchema, type QuestionResult, type QuestionResultOf } from '../question-types/registry'

export const ResultsSchema = z
  .object({
    itemId: z.uuid(),
    /** Devices that gave input; a device that changed its answer counts once. */
    respondents: z.number().int().nonnegative(),
    questions: z.array(QuestionResultSchema),
  })
  .meta({ id: 'Results' })
export type Results = z.infer<typeof ResultsSchema>
