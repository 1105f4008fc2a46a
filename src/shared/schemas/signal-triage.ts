import { z } from 'zod'
import { SIGNAL_REASON_MIN_LENGTH, SIGNAL_RESPONSE_MIN_LENGTH, SIGNAL_TEXT_MAX_LENGTH } from '../rules/signal-status'
import { SIGNAL_KINDS, SIGNAL_MODERATION, SignalStatusSchema } from './agenda-setting'
import { DateTimeSchema, UuidSchema } from './common'
import { safeString } from './safe-text'

/*
 * The back office's view of residents' signals (issue 11, triage): officials moderate, move and
 * answer them; council members read the published ones and comment. No answer here carries a
 * contact detail or anything that identifies the device.
 */

export const SIGNAL_HIDDEN_REASONS = ['personal_data', 'insulting', 'off_topic'] as const
export type SignalHiddenReason = (typeof SIGNAL_HIDDEN_REASONS)[number]

export const SIGNAL_SORTS = ['newest', 'support', 'due'] as const
export type SignalSort = (typeof SIGNAL_SORTS)[number]

/** What a signal can be linked to when it goes on the agenda. */
export const SIGNAL_LINK_KINDS = ['agenda_entry', 'item', 'meeting'] as const
export const SignalLinkSchema = z.object({ kind: z.enum(SIGNAL_LINK_KINDS), id: UuidSchema }).strict()
export type SignalLink = z.infer<typeof SignalLinkSchema>

export const OfficialSignalSchema = z
  .object({
    id: UuidSchema,
    municipality: z.string(),
    kind: z.enum(SIGNAL_KINDS),
    title: z.string(),
    body: z.string(),
    theme: z.string().nullable(),
    area: z.string().nullable(),
    createdAt: DateTimeSchema,
    receivedAt: DateTimeSchema,
    moderation: z.enum(SIGNAL_MODERATION),
    hiddenReason: z.enum(SIGNAL_HIDDEN_REASONS).nullable(),
    moderatedAt: DateTimeSchema.nullable(),
    redactedAt: DateTimeSchema.nullable(),
    status: SignalStatusSchema,
    statusReason: z.string().nullable(),
    response: z.string().nullable(),
    respondedAt: DateTimeSchema.nullable(),
    responseDueAt: DateTimeSchema,
    /** Open and past its due date. */
    overdue: z.boolean(),
    agendaId: UuidSchema.nullable(),
    agendaEntryId: UuidSchema.nullable(),
    itemId: UuidSchema.nullable(),
    /** The council meeting it asked a place on, or was put on. */
    meetingId: UuidSchema.nullable(),
    meetingStartsAt: DateTimeSchema.nullable(),
    supportCount: z.number().int().nonnegative(),
    commentCount: z.number().int().nonnegative(),
  })
  .meta({ id: 'OfficialSignal' })
export type OfficialSignal = z.infer<typeof OfficialSignalSchema>

const flag = z.enum(['true', 'false']).transform((v) => v === 'true')

export const SignalListQuerySchema = z
  .object({
    moderation: z.enum(SIGNAL_MODERATION).optional(),
    status: SignalStatusSchema.optional(),
    overdue: flag.optional(),
    sort: z.enum(SIGNAL_SORTS).default('newest'),
  })
  .strict()
export type SignalListQuery = z.infer<typeof SignalListQuerySchema>

/** At most this many signals per list; filters narrow it down. */
export const SIGNAL_LIST_LIMIT = 500

export const SignalListSchema = z.object({ signals: z.array(OfficialSignalSchema), truncated: z.boolean() }).meta({ id: 'SignalList' })
export type SignalList = z.infer<typeof SignalListSchema>

export const SignalCommentSchema = z.object({
  id: UuidSchema,
  body: z.string(),
  createdAt: DateTimeSchema,
  /** The author's role, never who it is by name or e-mail. */
  authorRole: z.enum(['official', 'admin', 'council']),
  mine: z.boolean(),
})
export type SignalComment = z.infer<typeof SignalCommentSchema>

export const SignalDetailSchema = z.object({ signal: OfficialSignalSchema, comments: z.array(SignalCommentSchema) }).meta({ id: 'SignalDetail' })
export type SignalDetail = z.infer<typeof SignalDetailSchema>

export const SignalIdParamsSchema = z.object({ id: UuidSchema })

const text = (min: number) => safeString().trim().min(min).max(SIGNAL_TEXT_MAX_LENGTH)
/** Optional texts are checked by the status rule, so a missing one gets its specific code. */
const optionalText = safeString().max(SIGNAL_TEXT_MAX_LENGTH).optional()

/** Publish after the check, or hide with the reason (kept for audit). */
export const SignalModerationRequestSchema = z
  .discriminatedUnion('action', [z.object({ action: z.literal('publish') }).strict(), z.object({ action: z.literal('hide'), reason: z.enum(SIGNAL_HIDDEN_REASONS) }).strict()])
  .meta({ id: 'SignalModerationRequest' })
export type SignalModerationRequest = z.infer<typeof SignalModerationRequestSchema>

/** Replace a selected part of the title or body (or all of it) by "[verwijderd]", as for answers. */
export const SignalRedactionRequestSchema = z
  .object({
    field: z.enum(['title', 'body']),
    part: z
      .object({ start: z.number().int().min(0).max(SIGNAL_TEXT_MAX_LENGTH), end: z.number().int().min(1).max(SIGNAL_TEXT_MAX_LENGTH), text: safeString().min(1).max(SIGNAL_TEXT_MAX_LENGTH) })
      .refine((p) => p.end > p.start && p.end - p.start === p.text.length, { message: 'end - start must be the length of text' })
      .optional(),
  })
  .strict()
  .meta({ id: 'SignalRedactionRequest' })
export type SignalRedactionRequest = z.infer<typeof SignalRedactionRequestSchema>

/** Move a signal on: on_agenda needs a link, answered a response, not_taken_up a reason. */
export const SignalStatusRequestSchema = z
  .object({ status: SignalStatusSchema, link: SignalLinkSchema.optional(), response: optionalText, reason: optionalText })
  .strict()
  .meta({ id: 'SignalStatusRequest' })
export type SignalStatusRequest = z.infer<typeof SignalStatusRequestSchema>

/** The written answer: answered with a response, or not taken up with a reason (and a response if wanted). */
export const SignalResponseRequestSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('answered'), response: text(SIGNAL_RESPONSE_MIN_LENGTH) }).strict(),
    z.object({ status: z.literal('not_taken_up'), reason: text(SIGNAL_REASON_MIN_LENGTH), response: optionalText }).strict(),
  ])
  .meta({ id: 'SignalResponseRequest' })
export type SignalResponseRequest = z.infer<typeof SignalResponseRequestSchema>

/**
 * The council's decision on a resident's request for a place on a meeting's agenda: on the
 * agenda of a meeting (the one asked for, or another of the municipality: its date says when),
 * or not, with a reason.
 */
export const SignalCouncilDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('on_agenda'), meetingId: UuidSchema.optional() }).strict(),
    z.object({ decision: z.literal('not_taken_up'), reason: optionalText }).strict(),
  ])
  .meta({ id: 'SignalCouncilDecision' })
export type SignalCouncilDecision = z.infer<typeof SignalCouncilDecisionSchema>

export const SignalCommentRequestSchema = z.object({ body: text(1) }).strict().meta({ id: 'SignalCommentRequest' })
export type SignalCommentRequest = z.infer<typeof SignalCommentRequestSchema>

/** An open signal whose response is overdue or due soon, for the officials' accountability list. */
export const SignalDueSchema = z.object({
  id: UuidSchema,
  title: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  status: SignalStatusSchema,
  responseDueAt: DateTimeSchema,
  overdue: z.boolean(),
  supportCount: z.number().int().nonnegative(),
})
export type SignalDue = z.infer<typeof SignalDueSchema>

/** The public promise figures on signals: answered on time, answered late, still open past the due date. */
export const SignalFiguresSchema = z.object({
  /** Answered or not taken up, with a written answer. */
  responded: z.number().int().nonnegative(),
  respondedOnTime: z.number().int().nonnegative(),
  /** Open past their due date now. */
  overdue: z.number().int().nonnegative(),
})
export type SignalFigures = z.infer<typeof SignalFiguresSchema>
