import { z } from 'zod'
import { CursorSchema, DateTimeSchema, SlugSchema, UuidSchema } from './common'
import { FeedbackSchema } from './feedback'
import { QuestionSchema } from './question'
import { TableInfoSchema } from './table'
import { ItemTranslationsSchema } from './content-language'
import { ITEM_KINDS, ITEM_STATUSES, LADDER_STEPS, PHASES, RESULTS_VISIBILITY, type ItemKind, type ItemStatus, type LadderStep, type Phase, type ResultsVisibility } from './item-vocabulary'

export { ITEM_KINDS, ITEM_STATUSES, LADDER_STEPS, PHASES, RESULTS_VISIBILITY }
export type { ItemKind, ItemStatus, LadderStep, Phase, ResultsVisibility }

/** A published item (poll, theme question or table) as residents see it. */
export const ItemSchema = z
  .object({
    id: UuidSchema,
    municipality: SlugSchema,
    /** On an item for a whole region: the region's name, as residents read it ("IJmond"). */
    region: z.string().optional(),
    /** The region's slug, with `region`. */
    regionSlug: SlugSchema.optional(),
    kind: z.enum(ITEM_KINDS),
    title: z.string(),
    summary: z.string(),
    body: z.string().optional(),
    theme: z.string(),
    ladder: z.enum(LADDER_STEPS),
    phase: z.enum(PHASES),
    opensAt: DateTimeSchema,
    closesAt: DateTimeSchema,
    feedbackDueAt: DateTimeSchema,
    status: z.enum(ITEM_STATUSES),
    resultsVisibility: z.enum(RESULTS_VISIBILITY),
    questions: z.array(QuestionSchema),
    feedback: z.array(FeedbackSchema),
    /** Set when the feedback date moved later after publication: why, and the date first promised. */
    feedbackDelay: z.object({ reason: z.string(), firstDueAt: DateTimeSchema }).optional(),
    /** Only on tables: the assignment, the advice when published, and whether the draw was done. */
    table: TableInfoSchema.optional(),
    /** The entry of the yearly participation agenda this item carries out, if any (absent or null: none). */
    agendaEntryId: UuidSchema.nullable().optional(),
    /** The item's texts in other languages, by language; what a translation lacks shows in Dutch. */
    translations: ItemTranslationsSchema.optional(),
  })
  .meta({ id: 'Item' })
export type Item = z.infer<typeof ItemSchema>

export { CursorSchema }

export const ItemListQuerySchema = z.object({
  municipality: SlugSchema,
  kind: z.enum(ITEM_KINDS).optional(),
  since: CursorSchema.optional(),
})
export type ItemListQuery = z.infer<typeof ItemListQuerySchema>

export const ItemListSchema = z
  .object({ items: z.array(ItemSchema), cursor: CursorSchema })
  .meta({ id: 'ItemList' })
export type ItemList = z.infer<typeof ItemListSchema>

export const ItemIdParamsSchema = z.object({ id: UuidSchema })
