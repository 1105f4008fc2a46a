import { z } from 'zod'
import { ADVICE_DECISIONS, ADVICE_KINDS, PARTICIPATION_FORMS } from './agenda-setting'
import { DateTimeSchema, UuidSchema } from './common'
import { OUTCOMES_NEEDING_REASON } from './feedback'
import { LADDER_STEPS } from './item'
import { safeString } from './safe-text'

/*
 * Advice of the participation council (issue 11, item 4): asked (on an item or an agenda entry of
 * the municipality) or unasked (any topic). The municipality answers in writing: a summary and a
 * decision per recommendation, with the same "why not" rule as a table's advice.
 */

export const MAX_ADVICE_RECOMMENDATIONS = 20

/** What a council member writes and edits while the advice is a draft. */
export const AdviceDraftSchema = z
  .object({
    kind: z.enum(ADVICE_KINDS),
    itemId: UuidSchema.optional(),
    agendaEntryId: UuidSchema.optional(),
    title: safeString().trim().min(3).max(200),
    body: safeString().trim().min(10).max(20_000),
    recommendations: z.array(safeString().trim().min(3).max(1000)).min(1).max(MAX_ADVICE_RECOMMENDATIONS),
  })
  .strict()
  .superRefine((a, ctx) => {
    const subjects = [a.itemId, a.agendaEntryId].filter(Boolean).length
    if (a.kind === 'asked' && subjects !== 1) ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'asked advice is about one item or one agenda entry' })
    if (a.kind === 'unasked' && subjects !== 0) ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'unasked advice is about a topic of its own, not an item or agenda entry' })
  })
  .meta({ id: 'AdviceDraft' })
export type AdviceDraft = z.infer<typeof AdviceDraftSchema>

/** The municipality's decision on one recommendation; not (fully) adopted owes the council a why. */
export const RecommendationDecisionSchema = z
  .object({
    recommendationId: UuidSchema,
    decision: z.enum(ADVICE_DECISIONS),
    explanation: safeString().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (OUTCOMES_NEEDING_REASON.includes(d.decision) && !d.explanation) {
      ctx.addIssue({ code: 'custom', path: ['explanation'], message: 'a reason is required when a recommendation is partly or not adopted' })
    }
  })
export type RecommendationDecision = z.infer<typeof RecommendationDecisionSchema>

/** What an official sends: `POST /api/official/advice/:id/response`. Every recommendation gets a decision. */
export const AdviceResponseInputSchema = z
  .object({
    summary: safeString().trim().min(10).max(4000),
    decisions: z.array(RecommendationDecisionSchema).min(1).max(MAX_ADVICE_RECOMMENDATIONS),
  })
  .strict()
  .superRefine((r, ctx) => {
    const ids = r.decisions.map((d) => d.recommendationId)
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['decisions'], message: 'one decision per recommendation' })
  })
  .meta({ id: 'AdviceResponseInput' })
export type AdviceResponseInput = z.infer<typeof AdviceResponseInputSchema>

export const AdviceRecommendationSchema = z.object({
  id: UuidSchema,
  position: z.number().int().nonnegative(),
  text: z.string(),
  decision: z.enum(ADVICE_DECISIONS).optional(),
  explanation: z.string().optional(),
})
export type AdviceRecommendation = z.infer<typeof AdviceRecommendationSchema>

/** One advice as the back office and the public see it (the public only submitted advice). */
export const CouncilAdviceSchema = z
  .object({
    id: UuidSchema,
    municipality: z.string(),
    kind: z.enum(ADVICE_KINDS),
    itemId: UuidSchema.optional(),
    agendaEntryId: UuidSchema.optional(),
    /** The title of the item or agenda entry asked advice is about. */
    subjectTitle: z.string().optional(),
    title: z.string(),
    body: z.string(),
    recommendations: z.array(AdviceRecommendationSchema),
    updatedAt: DateTimeSchema,
    submittedAt: DateTimeSchema.optional(),
    responseDueAt: DateTimeSchema.optional(),
    /** Submitted, not answered, and past its due date. */
    overdue: z.boolean(),
    responseSummary: z.string().optional(),
    respondedAt: DateTimeSchema.optional(),
  })
  .meta({ id: 'CouncilAdvice' })
export type CouncilAdvice = z.infer<typeof CouncilAdviceSchema>

export const AdviceListSchema = z.object({ advice: z.array(CouncilAdviceSchema) }).meta({ id: 'AdviceList' })
export type AdviceList = z.infer<typeof AdviceListSchema>

/** The council's proposal for how to involve residents in an agenda entry. */
export const ApproachProposalInputSchema = z
  .object({
    forms: z.array(z.enum(PARTICIPATION_FORMS)).min(1).max(PARTICIPATION_FORMS.length).refine((f) => new Set(f).size === f.length, 'each form once'),
    ladder: z.enum(LADDER_STEPS),
    reach: safeString().trim().min(3).max(2000),
  })
  .strict()
  .meta({ id: 'ApproachProposalInput' })
export type ApproachProposalInput = z.infer<typeof ApproachProposalInputSchema>

export const ApproachProposalSchema = ApproachProposalInputSchema.safeExtend({ id: UuidSchema, agendaEntryId: UuidSchema, createdAt: DateTimeSchema }).meta({ id: 'ApproachProposal' })
export type ApproachProposal = z.infer<typeof ApproachProposalSchema>

export const ApproachProposalListSchema = z.object({ proposals: z.array(ApproachProposalSchema) })
