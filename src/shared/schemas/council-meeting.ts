import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { safeString, safeUrl } from './safe-text'

/*
 * The participation council's periodic meetings (periodiek overleg, issue 11 item 5): when and
 * where, the agenda with the documents members need per topic, and afterwards the minutes and
 * what was agreed. Public once published; a topic a resident asked for says so, nothing more.
 */

const httpsUrl = () => safeUrl({ protocol: /^https$/ }).max(500)

export const MeetingDocumentSchema = z.object({ title: safeString().trim().min(2).max(200), url: httpsUrl() }).strict()
export type MeetingDocument = z.infer<typeof MeetingDocumentSchema>

export const MeetingTopicInputSchema = z
  .object({
    title: safeString().trim().min(3).max(200),
    description: safeString().trim().max(4000).optional(),
    documents: z.array(MeetingDocumentSchema).max(20).default([]),
    /** A resident's signal that asked for this topic (kept when the topic is edited). */
    signalId: UuidSchema.optional(),
  })
  .strict()
export type MeetingTopicInput = z.input<typeof MeetingTopicInputSchema>

/** What council members and officials write: `POST`/`PUT /api/official/meetings`. */
export const MeetingInputSchema = z
  .object({
    startsAt: DateTimeSchema,
    place: safeString().trim().min(2).max(300).optional(),
    onlineUrl: httpsUrl().optional(),
    topics: z.array(MeetingTopicInputSchema).max(30).default([]),
    minutes: safeString().trim().max(40_000).optional(),
    agreements: safeString().trim().max(20_000).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!m.place && !m.onlineUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'a meeting has a place or an online link' })
  })
  .meta({ id: 'MeetingInput' })
export type MeetingInput = z.input<typeof MeetingInputSchema>

export const MeetingTopicSchema = z.object({
  id: UuidSchema,
  title: z.string(),
  description: z.string().optional(),
  documents: z.array(z.object({ title: z.string(), url: z.string() })),
  /** The topic came from a resident's request (right e); the request itself stays private. */
  fromResident: z.boolean(),
  signalId: UuidSchema.optional(),
})
export type MeetingTopic = z.infer<typeof MeetingTopicSchema>

export const CouncilMeetingSchema = z
  .object({
    id: UuidSchema,
    municipality: z.string(),
    startsAt: DateTimeSchema,
    place: z.string().optional(),
    onlineUrl: z.string().optional(),
    topics: z.array(MeetingTopicSchema),
    minutes: z.string().optional(),
    agreements: z.string().optional(),
    publishedAt: DateTimeSchema.optional(),
    /** Whether it starts after now (the app offers to bring in a topic only then). */
    upcoming: z.boolean(),
  })
  .meta({ id: 'CouncilMeeting' })
export type CouncilMeeting = z.infer<typeof CouncilMeetingSchema>

export const MeetingListSchema = z.object({ meetings: z.array(CouncilMeetingSchema) }).meta({ id: 'MeetingList' })
export type MeetingList = z.infer<typeof MeetingListSchema>

/** The public list leaves out the link to the signal: only `fromResident` says where a topic came from. */
export const PublicMeetingSchema = CouncilMeetingSchema.safeExtend({
  topics: z.array(MeetingTopicSchema.omit({ signalId: true })),
}).meta({ id: 'PublicCouncilMeeting' })
export const PublicMeetingListSchema = z.object({ meetings: z.array(PublicMeetingSchema) }).meta({ id: 'PublicMeetingList' })
export type PublicMeeting = z.infer<typeof PublicMeetingSchema>
