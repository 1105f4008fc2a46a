import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { ITEM_KINDS, ItemSchema, LADDER_STEPS, PHASES, RESULTS_VISIBILITY } from './item'
import { QuestionSchema, type Question } from './question'
import { safeString } from './safe-text'

/** Problems in a question list that make it unusable, whatever the answers. */
export function questionListProblems(questions: readonly Question[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`question ${q.id}: id used twice`)
    ids.add(q.id)
    if (q.type === 'single' || q.type === 'multiple') {
      const options = q.options ?? []
      if (options.length < 2) problems.push(`question ${q.id}: needs at least two options`)
      if (new Set(options.map((o) => o.id)).size !== options.length) problems.push(`question ${q.id}: option id used twice`)
      if (q.type === 'multiple' && q.max !== undefined && (q.max < 1 || q.max > options.length)) {
        problems.push(`question ${q.id}: max must be between 1 and the number of options`)
      }
    }
    if (q.type === 'scale') {
      const min = q.min ?? 1
      const max = q.max ?? 5
      if (min >= max || max - min > 10) problems.push(`question ${q.id}: scale needs min < max and at most 11 steps`)
    }
    if (q.type === 'text' && q.max !== undefined && (q.max < 10 || q.max > 5000)) {
      problems.push(`question ${q.id}: text max must be between 10 and 5000`)
    }
  }
  return problems
}

/** What an official writes: everything of an item except what the server decides. */
export const ItemDraftSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    title: safeString().trim().min(3).max(140),
    summary: safeString().trim().min(3).max(400),
    body: safeString().max(10_000).optional(),
    theme: safeString().trim().min(2).max(60),
    ladder: z.enum(LADDER_STEPS),
    phase: z.enum(PHASES),
    opensAt: DateTimeSchema,
    closesAt: DateTimeSchema,
    feedbackDueAt: DateTimeSchema,
    resultsVisibility: z.enum(RESULTS_VISIBILITY),
    questions: z.array(QuestionSchema).max(40),
    /** Needed when the feedback date of a published item moves later; residents see it on the item. */
    feedbackDelayReason: z.string().trim().min(3).max(500).optional(),
  })
  .superRefine((d, ctx) => {
    if (Date.parse(d.closesAt) <= Date.parse(d.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' })
    if (Date.parse(d.feedbackDueAt) < Date.parse(d.closesAt)) {
      ctx.addIssue({ code: 'custom', path: ['feedbackDueAt'], message: 'must not be before closesAt' })
    }
    for (const message of questionListProblems(d.questions)) ctx.addIssue({ code: 'custom', path: ['questions'], message })
  })
  .meta({ id: 'ItemDraft' })
export type ItemDraft = z.infer<typeof ItemDraftSchema>

export const ITEM_STATES = ['draft', 'scheduled', 'open', 'closed'] as const
export type ItemState = (typeof ITEM_STATES)[number]

/** An item as officials see it: also drafts, with its state and how many responded. */
export const ManagedItemSchema = ItemSchema.extend({
  state: z.enum(ITEM_STATES),
  publishedAt: DateTimeSchema.nullable(),
  respondents: z.number().int().nonnegative(),
}).meta({ id: 'ManagedItem' })
export type ManagedItem = z.infer<typeof ManagedItemSchema>

export const ManagedItemListSchema = z.object({ items: z.array(ManagedItemSchema) }).meta({ id: 'ManagedItemList' })

export const PublishRequestSchema = z.object({}).strict().meta({ id: 'PublishRequest' })
export const ItemIdSchema = z.object({ id: UuidSchema })
