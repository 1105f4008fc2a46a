import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'

export const FEEDBACK_OUTCOMES = ['in_progress', 'adopted', 'partly_adopted', 'not_adopted'] as const
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number]

/** Terugkoppeling: what the municipality did with the input on an item. */
export const FeedbackSchema = z
  .object({
    id: UuidSchema,
    publishedAt: DateTimeSchema,
    outcome: z.enum(FEEDBACK_OUTCOMES),
    summary: z.string(),
    body: z.string().optional(),
    decisionUrl: z.url().optional(),
  })
  .meta({ id: 'Feedback' })
export type Feedback = z.infer<typeof FeedbackSchema>
