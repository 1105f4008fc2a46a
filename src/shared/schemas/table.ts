import { z } from 'zod'
import { DateTimeSchema, SlugSchema, UuidSchema } from './common'
import { AGE_BANDS } from './profile'
import { DeviceIdSchema } from './submission'
import { safeString, safeUrl } from './safe-text'

/** Roles a resident can say apply to them when signing up. */
export const SIGNUP_ROLES = ['client', 'experience_expert', 'carer', 'youth', 'professional', 'resident'] as const
export type SignupRole = (typeof SIGNUP_ROLES)[number]

/**
 * The version of the consent text residents agree to (the text itself is in the locales,
 * `consent.*`). Change both together; every sign-up stores the version it agreed to.
 */
// v2: retention periods are the municipality's own, an e-mail address counts only after its
// link, and Benader mij asks every year whether one wants to stay (issue 13).
export const CONSENT_VERSION = '2026-12-v2'

/** Age bands that count as youth (under 24) for reserved seats. */
export const YOUTH_AGE_BANDS = ['<16', '16-17', '18-23'] as const

export const MeetingSchema = z.object({
  startsAt: DateTimeSchema,
  place: safeString().trim().max(200).optional(),
  online: z.boolean(),
  accessibility: safeString().trim().max(300).optional(),
})

export const AllowanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('amount'), euros: z.number().positive().max(10_000), per: z.enum(['meeting', 'total']) }),
])

/** Opdracht: what a table is asked, how, by when, and what it costs and gives its members. */
export const TableAssignmentSchema = z
  .object({
    question: safeString().trim().min(10).max(1000),
    form: safeString().trim().max(1000).optional(),
    meetings: z.array(MeetingSchema).max(30),
    startsAt: DateTimeSchema,
    endsAt: DateTimeSchema,
    adviceDueAt: DateTimeSchema,
    allowance: AllowanceSchema,
    hoursExpected: z.number().int().min(1).max(500),
    seats: z.number().int().min(2).max(200),
    reserved: z.object({
      clientOrExpert: z.number().int().min(0),
      youth: z.number().int().min(0),
    }),
    targets: z
      .object({
        ageBand: z.partialRecord(z.enum(AGE_BANDS), z.number().int().min(0)).optional(),
        area: z.record(safeString().max(80), z.number().int().min(0)).optional(),
      })
      .optional(),
    signupOpensAt: DateTimeSchema,
    signupClosesAt: DateTimeSchema,
    selectionMethod: z.enum(['first_come', 'lot']),
  })
  .superRefine((a, ctx) => {
    if (a.reserved.clientOrExpert + a.reserved.youth > a.seats) ctx.addIssue({ code: 'custom', path: ['reserved'], message: 'more reserved seats than seats' })
    if (Date.parse(a.signupClosesAt) <= Date.parse(a.signupOpensAt)) ctx.addIssue({ code: 'custom', path: ['signupClosesAt'], message: 'must be after signupOpensAt' })
    if (Date.parse(a.startsAt) < Date.parse(a.signupClosesAt)) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'the table starts after sign-up closes' })
    if (Date.parse(a.endsAt) <= Date.parse(a.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' })
  })
  .meta({ id: 'TableAssignment' })
export type TableAssignment = z.infer<typeof TableAssignmentSchema>

export const AdviceSchema = z.object({
  text: safeString().trim().min(10).max(20_000),
  attachmentUrl: safeUrl({ protocol: /^https?$/ }).max(500).optional(),
})
export type Advice = z.infer<typeof AdviceSchema>

/** What residents see of a table besides the item: the assignment, the advice, the draw. */
export const TableInfoSchema = z
  .object({
    assignment: TableAssignmentSchema,
    advice: AdviceSchema.extend({ publishedAt: DateTimeSchema }).optional(),
    drawnAt: DateTimeSchema.optional(),
    signupOpen: z.boolean(),
  })
  .meta({ id: 'TableInfo' })
export type TableInfo = z.infer<typeof TableInfoSchema>

export const ContactSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), value: z.email().max(254) }),
  z.object({ channel: z.literal('phone'), value: z.string().regex(/^\+?[0-9 ()-]{8,20}$/, 'expected a phone number') }),
])
export type Contact = z.infer<typeof ContactSchema>

const signupFields = {
  name: safeString().trim().min(1).max(80),
  contact: ContactSchema,
  ageBand: z.enum(AGE_BANDS),
  area: safeString().trim().min(1).max(80).optional(),
  roles: z.array(z.enum(SIGNUP_ROLES)).min(1).max(SIGNUP_ROLES.length),
  motivation: safeString().trim().max(1000).optional(),
  accessibilityNeeds: safeString().trim().max(500).optional(),
  consentVersion: safeString().max(40),
  /** Required under 16: a parent or guardian confirms by e-mail (UAVG art. 5). */
  guardianEmail: z.email().max(254).optional(),
  /** The language the resident reads the app in: every e-mail about this registration is in it (default Dutch). */
  language: z.enum(['nl', 'en']).optional(),
}

/**
 * A sign-up for a table. `id` is made on the device and is the idempotency key; `revision`
 * grows with every change the resident makes, so a replayed older version never wins.
 */
export const TableSignupSchema = z
  .object({ id: UuidSchema, itemId: UuidSchema, deviceId: DeviceIdSchema, revision: z.number().int().min(1).max(1000), ...signupFields })
  .superRefine((s, ctx) => {
    if (s.ageBand === '<16' && !s.guardianEmail) ctx.addIssue({ code: 'custom', path: ['guardianEmail'], message: 'a parent or guardian e-mail is required under 16' })
  })
  .meta({ id: 'TableSignup' })
export type TableSignup = z.infer<typeof TableSignupSchema>

/** "Benader mij": contact and themes, independent of a table, to be invited later. */
export const InterestSchema = z
  .object({
    id: UuidSchema,
    municipality: SlugSchema,
    deviceId: DeviceIdSchema,
    revision: z.number().int().min(1).max(1000),
    themes: z.array(safeString().trim().min(2).max(60)).min(1).max(20),
    name: signupFields.name,
    contact: signupFields.contact,
    ageBand: signupFields.ageBand,
    area: signupFields.area,
    consentVersion: signupFields.consentVersion,
    guardianEmail: signupFields.guardianEmail,
    language: signupFields.language,
  })
  .superRefine((s, ctx) => {
    if (s.ageBand === '<16' && !s.guardianEmail) ctx.addIssue({ code: 'custom', path: ['guardianEmail'], message: 'a parent or guardian e-mail is required under 16' })
  })
  .meta({ id: 'Interest' })
export type Interest = z.infer<typeof InterestSchema>

export const REGISTRATION_REJECT_REASONS = ['item_unknown', 'not_a_table', 'signup_closed', 'consent_outdated', 'not_yours', 'withdrawn', 'municipality_unknown', 'not_in_vocabulary'] as const
export type RegistrationRejectReason = (typeof REGISTRATION_REJECT_REASONS)[number]

export const RegistrationResultSchema = z.object({
  id: UuidSchema,
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.enum(REGISTRATION_REJECT_REASONS).optional(),
})
export type RegistrationResult = z.infer<typeof RegistrationResultSchema>

export const SignupBatchSchema = z.object({ signups: z.array(TableSignupSchema).min(1).max(50) }).meta({ id: 'SignupBatch' })
export const InterestBatchSchema = z.object({ interests: z.array(InterestSchema).min(1).max(50) }).meta({ id: 'InterestBatch' })
export const RegistrationBatchResultSchema = z.object({ results: z.array(RegistrationResultSchema) }).meta({ id: 'RegistrationBatchResult' })

/**
 * `pending_guardian`: an under-16 waits for a parent's yes; `pending_confirmation`: an adult's
 * e-mail address waits for its confirmation link. Neither takes part in the draw.
 */
export const SIGNUP_STATUSES = ['pending_guardian', 'pending_confirmation', 'eligible', 'selected', 'waitlisted', 'not_selected', 'withdrawn'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

/** A sign-up as its own device sees it. */
export const MySignupSchema = z.object({
  id: UuidSchema,
  itemId: UuidSchema,
  status: z.enum(SIGNUP_STATUSES),
  revision: z.number().int(),
  name: z.string().nullable(),
  contact: ContactSchema.nullable(),
  ageBand: z.enum(AGE_BANDS),
  area: z.string().nullable(),
  roles: z.array(z.enum(SIGNUP_ROLES)),
  consentVersion: z.string(),
})
export type MySignup = z.infer<typeof MySignupSchema>

export const GuardianConfirmationSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{30,100}$/) }).meta({ id: 'GuardianConfirmation' })

/**
 * What a guardian's link is about, shown before they confirm: the table (or the "Benader mij"
 * network) and the municipality. Never the child's name or contact details: whoever holds the
 * link already got them in the mail, but the page need not repeat them.
 */
export const GuardianLinkInfoSchema = z
  .object({
    kind: z.enum(['table', 'interest']),
    /** The table's title; absent for the interest network. */
    tableTitle: z.string().optional(),
    municipalityName: z.string(),
  })
  .meta({ id: 'GuardianLinkInfo' })
export type GuardianLinkInfo = z.infer<typeof GuardianLinkInfoSchema>

/** A sign-up as officials see it, with contact details (reading them is audited). */
export const OfficialSignupSchema = z
  .object({
    id: UuidSchema,
    status: z.enum(SIGNUP_STATUSES),
    name: z.string().nullable(),
    contact: ContactSchema.nullable(),
    ageBand: z.string(),
    area: z.string().nullable(),
    roles: z.array(z.enum(SIGNUP_ROLES)),
    motivation: z.string().nullable(),
    accessibilityNeeds: z.string().nullable(),
    receivedAt: z.string(),
    drawPosition: z.number().int().nullable(),
  })
  .meta({ id: 'OfficialSignup' })
export type OfficialSignup = z.infer<typeof OfficialSignupSchema>

/** The outcome of a selection: panel and waitlist sizes, and reserved seats left empty. */
export const DrawSummarySchema = z
  .object({
    panel: z.number().int(),
    waitlist: z.number().int(),
    shortfalls: z.array(z.object({ category: z.string(), reserved: z.number().int(), available: z.number().int() })),
  })
  .meta({ id: 'DrawSummary' })
export type DrawSummary = z.infer<typeof DrawSummarySchema>

/** Interest network: active registrations per theme and age band (no names). */
export const InterestCountSchema = z.object({ theme: z.string(), ageBand: z.string(), count: z.number().int() })
export type InterestCount = z.infer<typeof InterestCountSchema>

export const InviteResultSchema = z.object({ invited: z.number().int(), emailed: z.number().int() })
export type InviteResult = z.infer<typeof InviteResultSchema>
