import { z } from 'zod'
import { UuidSchema } from './common'
import { ResultsSchema } from './results'
import { safeString } from './safe-text'
import { PERSONAL_DATA_KINDS } from '../validation/personal-data'

/** Groups smaller than this are not shown, so nobody can be singled out. */
export const MIN_CELL_SIZE = 5

const CellSchema = z.object({ key: z.string(), count: z.number().int().nullable() })

/** Results of one group (an age band or an area); counts under {@link MIN_CELL_SIZE} are null. */
export const BreakdownGroupSchema = z.object({
  group: z.string(),
  respondents: z.number().int().nullable(),
  questions: z.array(z.object({ questionId: z.string(), counts: z.array(CellSchema) })),
})
export type BreakdownGroup = z.infer<typeof BreakdownGroupSchema>

export const ItemInputSchema = z
  .object({
    itemId: UuidSchema,
    results: ResultsSchema,
    hiddenCount: z.number().int().nonnegative(),
    byAgeBand: z.array(BreakdownGroupSchema),
    byArea: z.array(BreakdownGroupSchema),
    /** Only on a regional item: per member municipality (the group is its slug; "unknown" when not said). */
    byMunicipality: z.array(BreakdownGroupSchema).optional(),
    /** How the answers reached us: `app`, or entered by an official (`paper`, `phone`, `meeting`). */
    byChannel: z.array(BreakdownGroupSchema).optional(),
    /** Answers entered for a partner organisation, by its id; "unknown" for the rest. */
    byPartner: z.array(BreakdownGroupSchema).optional(),
  })
  .meta({ id: 'ItemInputOverview' })
export type ItemInput = z.infer<typeof ItemInputSchema>

export const HIDE_REASONS = ['personal_data', 'insulting', 'off_topic'] as const
export type HideReason = (typeof HIDE_REASONS)[number]

export const TextAnswerSchema = z.object({
  submissionId: UuidSchema,
  questionId: z.string(),
  text: z.string(),
  answeredAt: z.string(),
  hidden: z.boolean(),
  hiddenReason: z.enum(HIDE_REASONS).nullable(),
  /** What looks like personal data in the text (computed when read, with the detector residents' app warns with). */
  personalData: z.array(z.object({ kind: z.enum(PERSONAL_DATA_KINDS), start: z.number().int(), end: z.number().int() })),
})
export type TextAnswer = z.infer<typeof TextAnswerSchema>

export const TextAnswerQuerySchema = z.object({
  question: safeString().max(40).optional(),
  search: safeString().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})

export const TextAnswerPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), answers: z.array(TextAnswerSchema) })
  .meta({ id: 'TextAnswerPage' })
export type TextAnswerPage = z.infer<typeof TextAnswerPageSchema>

export const HideRequestSchema = z.object({ reason: z.enum(HIDE_REASONS) }).meta({ id: 'HideRequest' })

export const ExportQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('csv') })
