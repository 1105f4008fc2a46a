import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { SignalDueSchema, SignalFiguresSchema } from './signal-triage'

/**
 * The municipality's own evaluation measure: how often, and how fast, residents hear back.
 * `medianDaysToFirstFeedback` is null until some closed item has feedback.
 */
export const FeedbackFiguresSchema = z
  .object({
    closedItems: z.number().int().nonnegative(),
    closedWithFeedback: z.number().int().nonnegative(),
    /** closedWithFeedback / closedItems, 0..1; null when nothing has closed yet. */
    shareWithFeedback: z.number().min(0).max(1).nullable(),
    medianDaysToFirstFeedback: z.number().nullable(),
    /** Residents' signals: answered on time, and open past their due date (optional for figures cached by older clients). */
    signals: SignalFiguresSchema.optional(),
  })
  .meta({ id: 'FeedbackFigures' })
export type FeedbackFigures = z.infer<typeof FeedbackFiguresSchema>

export const FeedbackDueItemSchema = z.object({
  id: UuidSchema,
  title: z.string(),
  kind: z.enum(['poll', 'question', 'table']),
  closesAt: DateTimeSchema,
  feedbackDueAt: DateTimeSchema,
  overdue: z.boolean(),
  respondents: z.number().int().nonnegative(),
})
export type FeedbackDueItem = z.infer<typeof FeedbackDueItemSchema>

/** Advice of the participation council still waiting for the municipality's answer past its due date. */
export const OverdueAdviceSchema = z.object({ id: UuidSchema, title: z.string(), submittedAt: DateTimeSchema, responseDueAt: DateTimeSchema })
export type OverdueAdvice = z.infer<typeof OverdueAdviceSchema>

export const AccountabilitySchema = z
  .object({
    due: z.array(FeedbackDueItemSchema),
    figures: FeedbackFiguresSchema,
    overdueAdvice: z.array(OverdueAdviceSchema),
    /** Open signals whose response is overdue or due within 14 days (optional for older servers). */
    signalsDue: z.array(SignalDueSchema).optional(),
  })
  .meta({ id: 'Accountability' })
export type Accountability = z.infer<typeof AccountabilitySchema>

/** Items whose feedback is due within this many days show up on the officials' start page. */
export const FEEDBACK_DUE_SOON_DAYS = 14
