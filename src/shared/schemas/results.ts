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

/**
 * What residents get: the results only when at least `minRespondents` devices answered (the
 * municipality's setting, never below 5), so nobody reads off another person's choice from a
 * tiny group. Below that, no counts at all, not even how many answered.
 */
export const PublicResultsSchema = z
  .discriminatedUnion('enoughAnswers', [
    ResultsSchema.extend({ enoughAnswers: z.literal(true), minRespondents: z.number().int().min(5) }),
    z.object({ itemId: z.uuid(), enoughAnswers: z.literal(false), minRespondents: z.number().int().min(5) }),
  ])
  .meta({ id: 'PublicResults' })
export type PublicResults = z.infer<typeof PublicResultsSchema>

/** The one rule both sides apply: counts are shown from `minRespondents` devices on. */
export function publicResultsOf(results: Results, minRespondents: number): PublicResults {
  if (results.respondents < minRespondents) return { itemId: results.itemId, enoughAnswers: false, minRespondents }
  return { ...results, enoughAnswers: true, minRespondents }
}
