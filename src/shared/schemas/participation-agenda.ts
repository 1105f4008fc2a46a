import { z } from 'zod'
import { AGENDA_ENTRY_STATUSES, PARTICIPATION_FORMS } from './agenda-setting'
import { DateTimeSchema, SlugSchema, UuidSchema } from './common'
import { ITEM_KINDS, ITEM_STATUSES, LADDER_STEPS, PHASES } from './item'
import { safeString } from './safe-text'

/*
 * The yearly participation agenda (issue 11 item 6): per municipality and year, the policy topics
 * coming up and how residents will be involved in each. Officials and council members draft it,
 * an official publishes it; residents read the published one ("Wat komt eraan").
 */

export const AGENDA_YEAR_MIN = 2020
export const AGENDA_YEAR_MAX = 2100
export const AgendaYearSchema = z.coerce.number().int().min(AGENDA_YEAR_MIN).max(AGENDA_YEAR_MAX)
export const AgendaYearParamsSchema = z.object({ year: AgendaYearSchema })
export const AgendaEntryIdParamsSchema = z.object({ id: UuidSchema })

export const AgendaIntroSchema = z
  .object({ intro: safeString().trim().max(2000).nullable() })
  .strict()
  .meta({ id: 'AgendaIntro' })
export type AgendaIntro = z.infer<typeof AgendaIntroSchema>

/** What officials and council members write for one topic. */
export const AgendaEntryDraftSchema = z
  .object({
    title: safeString().trim().min(3).max(140),
    summary: safeString().trim().min(3).max(800),
    theme: safeString().trim().min(2).max(60),
    phase: z.enum(PHASES),
    ladder: z.enum(LADDER_STEPS),
    forms: z
      .array(z.enum(PARTICIPATION_FORMS))
      .min(1)
      .max(PARTICIPATION_FORMS.length)
      .refine((forms) => new Set(forms).size === forms.length, 'each form once'),
    plannedQuarter: z.number().int().min(1).max(4),
    status: z.enum(AGENDA_ENTRY_STATUSES).default('planned'),
    /** What happened: for the yearly evaluation, and for residents once it is done. */
    outcome: safeString().trim().max(2000).nullable().optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .meta({ id: 'AgendaEntryDraft' })
export type AgendaEntryDraft = z.infer<typeof AgendaEntryDraftSchema>
export type AgendaEntryDraftInput = z.input<typeof AgendaEntryDraftSchema>

export const AgendaEntrySchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    summary: z.string(),
    theme: z.string(),
    phase: z.enum(PHASES),
    ladder: z.enum(LADDER_STEPS),
    forms: z.array(z.enum(PARTICIPATION_FORMS)),
    plannedQuarter: z.number().int(),
    status: z.enum(AGENDA_ENTRY_STATUSES),
    outcome: z.string().nullable(),
    position: z.number().int(),
  })
  .meta({ id: 'AgendaEntry' })
export type AgendaEntry = z.infer<typeof AgendaEntrySchema>

/** The agenda of one year as the back office sees it, drafts included; `id` is null before anything was written. */
export const OfficialAgendaSchema = z
  .object({
    year: z.number().int(),
    id: UuidSchema.nullable(),
    intro: z.string().nullable(),
    publishedAt: DateTimeSchema.nullable(),
    entries: z.array(AgendaEntrySchema),
    /** The municipality's themes, for the entry form (council members cannot read the vocabulary route). */
    themes: z.array(z.string()),
  })
  .meta({ id: 'OfficialAgenda' })
export type OfficialAgenda = z.infer<typeof OfficialAgendaSchema>

/** The entries a municipality's item can be linked to (the item form's list), newest year first. */
export const AgendaEntryChoicesSchema = z
  .object({ entries: z.array(z.object({ id: UuidSchema, year: z.number().int(), title: z.string() })) })
  .meta({ id: 'AgendaEntryChoices' })

/** A published item that carries out an entry, as residents see it in the agenda. */
export const AgendaLinkedItemSchema = z.object({ id: UuidSchema, title: z.string(), kind: z.enum(ITEM_KINDS), status: z.enum(ITEM_STATUSES) })

export const PublicAgendaEntrySchema = AgendaEntrySchema.extend({
  items: z.array(AgendaLinkedItemSchema),
  /** Published resident signals linked to this entry. */
  signalCount: z.number().int().nonnegative(),
})
export type PublicAgendaEntry = z.infer<typeof PublicAgendaEntrySchema>

export const PublicAgendaSchema = z
  .object({
    id: UuidSchema,
    municipality: SlugSchema,
    year: z.number().int(),
    intro: z.string().nullable(),
    publishedAt: DateTimeSchema,
    entries: z.array(PublicAgendaEntrySchema),
  })
  .meta({ id: 'PublicAgenda' })
export type PublicAgenda = z.infer<typeof PublicAgendaSchema>

/** `agenda` is null when the year has no published agenda (yet). */
export const PublicAgendaAnswerSchema = z.object({ agenda: PublicAgendaSchema.nullable() }).meta({ id: 'PublicAgendaAnswer' })
export type PublicAgendaAnswer = z.infer<typeof PublicAgendaAnswerSchema>

export const PublicAgendaQuerySchema = z.object({ year: AgendaYearSchema })
