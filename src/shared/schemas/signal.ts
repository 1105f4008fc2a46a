import { z } from 'zod'
import { SIGNAL_KINDS, SignalStatusSchema } from './agenda-setting'
import { DateTimeSchema, SlugSchema, UuidSchema } from './common'
import { safeString } from './safe-text'
import { DeviceIdSchema } from './submission'

/*
 * Signals and proposals residents raise themselves (issue 11, CONTRACT "Agenda-setting"):
 * `POST /api/signals` takes them exactly once per id, like submissions; the public list shows the
 * published ones with their status, answer and "Dit herken ik" count.
 */

/** Most signals in one request; more gets 413. A phone holds a handful at most. */
export const MAX_BATCH_SIGNALS = 100
/** Largest request body of `POST /api/signals`, in bytes; larger gets 413. */
export const MAX_SIGNAL_BATCH_BYTES = 64 * 1024
export const MAX_SIGNAL_TITLE = 120
export const MAX_SIGNAL_BODY = 4000
/** Page size of the public list when the client names none, and the most it may ask. */
export const DEFAULT_SIGNAL_PAGE = 20
export const MAX_SIGNAL_PAGE = 100

/**
 * The version of the text a resident agrees to when asking to be contacted about a signal (the
 * text itself is in the locales, `signals.form.contactConsent`). Change both together.
 */
export const SIGNAL_CONTACT_CONSENT_VERSION = '2026-12-signal-v1'

/** What the contact details given with a signal are for, stored with them in `contacts`. */
export const SIGNAL_CONTACT_PURPOSE = 'Contact about the signal or proposal the resident raised, at their request.'

const contactPerson = { name: safeString().trim().min(1).max(80), consentVersion: safeString().max(40) }

/** "Neem contact met mij op": a name and an e-mail address or phone number, with the consent given. */
export const SignalContactSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), value: z.email().max(254), ...contactPerson }),
  z.object({ channel: z.literal('phone'), value: z.string().regex(/^\+?[0-9 ()-]{8,20}$/, 'expected a phone number'), ...contactPerson }),
])
export type SignalContact = z.infer<typeof SignalContactSchema>

/**
 * One signal or proposal. `id` is made on the device when the resident presses send and is the
 * idempotency key. A link asks a place on a council meeting's agenda (`meetingId`), or suggests a
 * topic for a yearly participation agenda (`agendaId`, optionally one of its entries).
 */
export const SignalSubmissionSchema = z
  .object({
    id: UuidSchema,
    municipality: SlugSchema,
    deviceId: DeviceIdSchema,
    createdAt: DateTimeSchema,
    kind: z.enum(SIGNAL_KINDS),
    title: safeString().trim().min(3).max(MAX_SIGNAL_TITLE),
    body: safeString().trim().min(1).max(MAX_SIGNAL_BODY),
    theme: safeString().trim().min(1).max(60).optional(),
    area: safeString().trim().min(1).max(80).optional(),
    meetingId: UuidSchema.optional(),
    agendaId: UuidSchema.optional(),
    agendaEntryId: UuidSchema.optional(),
    contact: SignalContactSchema.optional(),
  })
  .meta({ id: 'SignalSubmission' })
export type SignalSubmission = z.infer<typeof SignalSubmissionSchema>

export const SignalBatchSchema = z
  .object({ signals: z.array(SignalSubmissionSchema).min(1).max(MAX_BATCH_SIGNALS) })
  .meta({ id: 'SignalBatch' })
export type SignalBatch = z.infer<typeof SignalBatchSchema>

/**
 * Why a signal was rejected; final, the app tells the resident. The vocabulary reasons mean the
 * theme or area is not in the municipality's lists; the link reasons that the meeting is not
 * coming up, or the agenda (entry) is not one of the municipality's published ones.
 */
export const SIGNAL_REJECT_REASONS = [
  'municipality_unknown',
  'theme_not_in_vocabulary',
  'area_not_in_vocabulary',
  'meeting_unknown',
  'agenda_unknown',
  'agenda_entry_unknown',
  'consent_outdated',
] as const
export type SignalRejectReason = (typeof SIGNAL_REJECT_REASONS)[number]

export const SignalResultSchema = z.object({
  id: UuidSchema,
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.enum(SIGNAL_REJECT_REASONS).optional(),
})
export type SignalResult = z.infer<typeof SignalResultSchema>

export const SignalBatchResultSchema = z.object({ results: z.array(SignalResultSchema) }).meta({ id: 'SignalBatchResult' })
export type SignalBatchResult = z.infer<typeof SignalBatchResultSchema>

/** What a signal is linked to, when anything. */
export const SignalLinksSchema = z.object({
  meetingId: UuidSchema.nullable(),
  agendaId: UuidSchema.nullable(),
  agendaEntryId: UuidSchema.nullable(),
  itemId: UuidSchema.nullable(),
})

/**
 * A published signal as everyone sees it: never the device, never contact details, never the
 * moderation. The officials' triage answers with this shape too, plus its own fields.
 */
export const PublicSignalSchema = z
  .object({
    id: UuidSchema,
    kind: z.enum(SIGNAL_KINDS),
    title: z.string(),
    body: z.string(),
    theme: z.string().nullable(),
    area: z.string().nullable(),
    status: SignalStatusSchema,
    /** Why it was not taken up (with `not_taken_up`). */
    statusReason: z.string().nullable(),
    response: z.string().nullable(),
    respondedAt: DateTimeSchema.nullable(),
    responseDueAt: DateTimeSchema,
    supportCount: z.number().int(),
    createdAt: DateTimeSchema,
    links: SignalLinksSchema,
  })
  .meta({ id: 'PublicSignal' })
export type PublicSignal = z.infer<typeof PublicSignalSchema>

export const SIGNAL_SORTS = ['newest', 'support'] as const
export type SignalSort = (typeof SIGNAL_SORTS)[number]

export const SignalListQuerySchema = z.object({
  sort: z.enum(SIGNAL_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(MAX_SIGNAL_PAGE).default(DEFAULT_SIGNAL_PAGE),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type SignalListQuery = z.infer<typeof SignalListQuerySchema>

/** One page of a municipality's published signals; `nextOffset` is null on the last page. */
export const SignalListSchema = z
  .object({ signals: z.array(PublicSignalSchema), nextOffset: z.number().int().nullable() })
  .meta({ id: 'SignalList' })
export type SignalList = z.infer<typeof SignalListSchema>

/** The answer to "Dit herken ik": whether this device backs it now, and the count. */
export const SignalSupportSchema = z
  .object({ signalId: UuidSchema, supported: z.boolean(), supportCount: z.number().int() })
  .meta({ id: 'SignalSupport' })
export type SignalSupport = z.infer<typeof SignalSupportSchema>

/** A signal this device raised, as "Mijn gegevens" shows it (with the contact details given, if any). */
export const MySignalSchema = z.object({
  id: UuidSchema,
  municipality: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  title: z.string(),
  body: z.string(),
  theme: z.string().nullable(),
  area: z.string().nullable(),
  createdAt: DateTimeSchema,
  moderation: z.enum(['pending', 'published', 'hidden']),
  status: SignalStatusSchema,
  response: z.string().nullable(),
  responseDueAt: DateTimeSchema,
  contact: z.object({ name: z.string(), channel: z.enum(['email', 'phone']), value: z.string() }).nullable(),
})
export type MySignal = z.infer<typeof MySignalSchema>

/** A "Dit herken ik" this device gave. */
export const MySignalSupportSchema = z.object({ signalId: UuidSchema, signalTitle: z.string(), at: DateTimeSchema })
export type MySignalSupport = z.infer<typeof MySignalSupportSchema>
