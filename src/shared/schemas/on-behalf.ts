import { z } from 'zod'
import { ON_BEHALF_CHANNELS, PARTNER_KINDS } from './agenda-setting'
import { DateTimeSchema, UuidSchema } from './common'
import { ProfileSchema } from './profile'
import { AnswersSchema } from './question'
import { safeString } from './safe-text'

/*
 * Input on behalf of residents who are not online (issue 11 item 7): an official enters answers
 * collected on paper, by phone or at a meeting. Each is its own submission with its own id made
 * in the back office when the form is entered, so sending the queue again stores nothing twice.
 */

/** Most answers in one request from the back office's queue. */
export const MAX_ON_BEHALF_BATCH = 200

export const OnBehalfEntrySchema = z
  .object({
    /** Made in the back office when the official adds the form to the queue: the idempotency key. */
    id: UuidSchema,
    /** When the answer was given (the date on the paper form, the call, the meeting). */
    answeredAt: DateTimeSchema,
    answers: AnswersSchema,
    profile: ProfileSchema.optional(),
    channel: z.enum(ON_BEHALF_CHANNELS),
    /** The partner organisation that collected it, if any (one of this municipality's). */
    partnerId: UuidSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: 'OnBehalfEntry' })
export type OnBehalfEntry = z.infer<typeof OnBehalfEntrySchema>

export const OnBehalfBatchSchema = z
  .object({ entries: z.array(OnBehalfEntrySchema).min(1).max(MAX_ON_BEHALF_BATCH) })
  .strict()
  .meta({ id: 'OnBehalfBatch' })
export type OnBehalfBatch = z.infer<typeof OnBehalfBatchSchema>

export const PartnerDraftSchema = z
  .object({ name: safeString().trim().min(2).max(120), kind: z.enum(PARTNER_KINDS) })
  .strict()
  .meta({ id: 'PartnerDraft' })
export type PartnerDraft = z.infer<typeof PartnerDraftSchema>

export const PartnerSchema = z.object({ id: UuidSchema, name: z.string(), kind: z.enum(PARTNER_KINDS) }).meta({ id: 'Partner' })
export type Partner = z.infer<typeof PartnerSchema>

export const PartnerListSchema = z.object({ partners: z.array(PartnerSchema) }).meta({ id: 'PartnerList' })
export type PartnerList = z.infer<typeof PartnerListSchema>
