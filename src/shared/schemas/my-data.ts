import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { AnswersSchema } from './question'
import { EmailAlertSchema } from './email-alert'
import { MySignalSchema, MySignalSupportSchema } from './signal'
import { ContactSchema, MySignupSchema } from './table'

/** One answer the server holds for this device, with the item it belongs to. */
export const MyAnswerSchema = z.object({
  itemId: UuidSchema,
  itemTitle: z.string(),
  /** Until it closes an erased answer leaves the tallies; after, the results are final and only its counts stay. */
  itemClosesAt: DateTimeSchema,
  answeredAt: DateTimeSchema,
  answers: AnswersSchema,
  ageBand: z.string().nullable(),
  area: z.string().nullable(),
  /** Hidden by moderation: kept for the audit, not counted or shown. */
  hidden: z.boolean(),
})

export const MyInterestSchema = z.object({
  id: UuidSchema,
  municipality: z.string(),
  status: z.enum(['pending_guardian', 'pending_confirmation', 'active', 'withdrawn']),
  themes: z.array(z.string()),
  ageBand: z.string(),
  area: z.string().nullable(),
  name: z.string().nullable(),
  contact: ContactSchema.nullable(),
  guardianEmail: z.string().nullable(),
  consentVersion: z.string(),
  consentedAt: DateTimeSchema,
})

export const MyMessageSchema = z.object({
  itemId: UuidSchema,
  itemTitle: z.string(),
  at: DateTimeSchema,
  kind: z.enum(['selected', 'not_selected', 'waitlisted', 'seat_offered', 'guardian_confirmed', 'invited']),
})

/**
 * Everything the server holds for one device (`GET /me/data`): answers, sign-ups and "Benader
 * mij" registrations with the contact details as the resident gave them, inbox messages,
 * e-mail alerts, the signals and proposals it raised (with contact details when asked to be
 * contacted) and its "Dit herken ik" supports. Nothing else is stored under the device's keys.
 */
export const MyDataSchema = z
  .object({
    answers: z.array(MyAnswerSchema),
    signups: z.array(MySignupSchema.extend({ itemTitle: z.string(), guardianEmail: z.string().nullable(), motivation: z.string().nullable(), accessibilityNeeds: z.string().nullable() })),
    interests: z.array(MyInterestSchema),
    messages: z.array(MyMessageSchema),
    /** "Mail me when the municipality responds": the addresses left for single items. */
    emailAlerts: z.array(EmailAlertSchema),
    signals: z.array(MySignalSchema),
    signalSupports: z.array(MySignalSupportSchema),
  })
  .meta({ id: 'MyData' })
export type MyData = z.infer<typeof MyDataSchema>

/** What `DELETE /me` erased. */
export const ErasureSchema = z
  .object({
    /** Answers to open items, taken out of the tallies. */
    answersUncounted: z.number().int(),
    /** Answers to closed items: the rows are gone, their counts stay in the final results. */
    answersKeptAsCounts: z.number().int(),
    signups: z.number().int(),
    interests: z.number().int(),
    messages: z.number().int(),
    /** Signals not yet published: deleted with their contact details. */
    signalsDeleted: z.number().int(),
    /** Published signals: kept for everyone, no longer linked to the device; contact details deleted. */
    signalsAnonymised: z.number().int(),
    /** "Dit herken ik" supports: deleted, the counts taken down. */
    signalSupports: z.number().int(),
  })
  .meta({ id: 'Erasure' })
export type Erasure = z.infer<typeof ErasureSchema>
