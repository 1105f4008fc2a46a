import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { safeString, safeUrl } from './safe-text'
import { FeedbackTranslationsSchema } from './content-language'

export const FEEDBACK_OUTCOMES = ['in_progress', 'adopted', 'partly_adopted', 'not_adopted'] as const
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number]

/** Outcomes that owe residents a reason: why their input was (partly) not followed. */
export const OUTCOMES_NEEDING_REASON: readonly FeedbackOutcome[] = ['partly_adopted', 'not_adopted']

export const RecommendationSchema = z.object({
  recommendation: safeString().trim().min(3).max(1000),
  outcome: z.enum(['adopted', 'partly_adopted', 'not_adopted']),
  reason: safeString().trim().max(2000).optional(),
})
export type Recommendation = z.infer<typeof RecommendationSchema>

/** Terugkoppeling: what the municipality did with the input on an item. */
export const FeedbackSchema = z
  .object({
    id: UuidSchema,
    publishedAt: DateTimeSchema,
    outcome: z.enum(FEEDBACK_OUTCOMES),
    summary: z.string(),
    body: z.string().optional(),
    decisionUrl: z.url().optional(),
    reason: z.string().optional(),
    recommendations: z.array(RecommendationSchema).optional(),
    /** This entry corrects an earlier one (which stays visible, marked as corrected). */
    correctsId: UuidSchema.optional(),
    /** The entry that corrects this one, if any. */
    correctedById: UuidSchema.optional(),
    /** The entry's texts in other languages; what a translation lacks shows in Dutch. */
    translations: FeedbackTranslationsSchema.optional(),
  })
  .meta({ id: 'Feedback' })
export type Feedback = z.infer<typeof FeedbackSchema>

/** What an official publishes: `POST /api/items/:id/feedback`. */
export const FeedbackInputSchema = z
  .object({
    outcome: z.enum(FEEDBACK_OUTCOMES),
    summary: safeString().trim().min(10).max(600),
    body: safeString().trim().max(10_000).optional(),
    decisionUrl: safeUrl({ protocol: /^https?$/ }).max(500).optional(),
    reason: safeString().trim().min(10).max(2000).optional(),
    recommendations: z.array(RecommendationSchema).max(50).optional(),
    /** The entry's texts in the municipality's content languages; what is left out shows in Dutch. */
    translations: FeedbackTranslationsSchema.optional(),
  })
  .superRefine((f, ctx) => {
    if (OUTCOMES_NEEDING_REASON.includes(f.outcome) && !f.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is required when input is partly or not adopted' })
    }
    for (const [i, r] of (f.recommendations ?? []).entries()) {
      if (r.outcome !== 'adopted' && !r.reason) ctx.addIssue({ code: 'custom', path: ['recommendations', i, 'reason'], message: 'a reason is required when a recommendation is partly or not adopted' })
    }
  })
  .meta({ id: 'NewFeedback' })
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>
