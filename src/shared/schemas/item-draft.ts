import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { ITEM_KINDS, ItemSchema, LADDER_STEPS, PHASES, RESULTS_VISIBILITY } from './item'
import { conditionProblems } from '../question-types/conditions'
import { moduleOf } from '../question-types/registry'
import { QuestionSchema, type Question } from './question'
import { safeString } from './safe-text'
import { ItemTranslationsSchema } from './content-language'
import { translationTargetProblems } from '../validation/translation-targets'

/**
 * Problems in a question list that make it unusable, whatever the answers: repeated ids, what
 * each type's module refuses (too few options, an empty scale) and conditions that do not
 * point at an earlier question's options.
 */
export function questionListProblems(questions: readonly Question[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`question ${q.id}: id used twice`)
    ids.add(q.id)
    problems.push(...moduleOf(q).problems(q))
  }
  return [...problems, ...conditionProblems(questions)]
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
    /**
     * On creation by a region official: the item is for their whole region (every member's app).
     * Fixed once created; later saves leave it as it is.
     */
    forRegion: z.boolean().optional(),
    /** The entry of the municipality's participation agenda this item carries out; null unlinks, absent keeps. */
    agendaEntryId: UuidSchema.nullable().optional(),
    /** Translations of the texts by language; absent keeps the stored ones (an older client). */
    translations: ItemTranslationsSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (Date.parse(d.closesAt) <= Date.parse(d.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' })
    if (Date.parse(d.feedbackDueAt) < Date.parse(d.closesAt)) {
      ctx.addIssue({ code: 'custom', path: ['feedbackDueAt'], message: 'must not be before closesAt' })
    }
    for (const message of questionListProblems(d.questions)) ctx.addIssue({ code: 'custom', path: ['questions'], message })
    for (const { path, message } of translationTargetProblems(d.questions, d.translations)) ctx.addIssue({ code: 'custom', path, message })
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
  /** A regional item this official may read but not change (they are no official of its region). */
  readOnly: z.literal(true).optional(),
}).meta({ id: 'ManagedItem' })
export type ManagedItem = z.infer<typeof ManagedItemSchema>

export const ManagedItemListSchema = z.object({ items: z.array(ManagedItemSchema) }).meta({ id: 'ManagedItemList' })

export const PublishRequestSchema = z.object({}).strict().meta({ id: 'PublishRequest' })
export const ItemIdSchema = z.object({ id: UuidSchema })
