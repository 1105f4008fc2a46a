import { z } from 'zod'
import { DateTimeSchema, SlugSchema, UuidSchema } from './common'
import { FeedbackSchema } from './feedback'
import { QuestionSchema } from './question'
import { TableInfoSchema } from './table'
import { ItemTranslationsSchema } from './content-language'

export const ITEM_KINDS = ['poll', 'question', 'table'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

/** Participatieladder: how much influence input has, from least to most. */
export const LADDER_STEPS = ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'] as const
export type LadderStep = (typeof LADDER_STEPS)[number]

/** Beleidsfase: where the policy stands. */
export const PHASES = ['agenda', 'beleidsvorming', 'besluitvorming', 'uitvoering', 'evaluatie'] as const
export type Phase = (typeof PHASES)[number]

export const ITEM_STATUSES = ['open', 'closed'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** When residents may see the results: right after answering, after closing, or never. */
export const RESULTS_VISIBILITY = ['direct', 'after_close', 'never'] as const
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number]

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

/** Opaque position in the item change feed; pass it back as `since`. */
export const CursorSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a cursor returned by this API')

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
