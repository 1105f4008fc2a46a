import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { FeedbackSchema } from './feedback'
import { CursorSchema } from './item'
import { SignalStatusSchema } from './agenda-setting'

/** One message in a device's inbox: new feedback, or an item it answered has closed. */
export const InboxEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feedback'), id: z.string(), itemId: UuidSchema, itemTitle: z.string(), at: DateTimeSchema, feedback: FeedbackSchema }),
  z.object({ kind: z.literal('closed'), id: z.string(), itemId: UuidSchema, itemTitle: z.string(), at: DateTimeSchema }),
  /** A table sign-up's news: selected, not selected, on the waitlist, offered a seat, confirmed by a guardian. */
  z.object({
    kind: z.literal('table'),
    id: z.string(),
    itemId: UuidSchema,
    itemTitle: z.string(),
    at: DateTimeSchema,
    status: z.enum(['selected', 'not_selected', 'waitlisted', 'seat_offered', 'guardian_confirmed', 'invited', 'advice_published']),
  }),
  /**
   * The municipality moved the device's own signal on or answered it: the status, the written
   * response, the reason it was not taken up, and for a council meeting its date. One entry per
   * status (`signal:<id>:<status>`), so a repeat of the same news merges by id.
   */
  z.object({
    kind: z.literal('signal'),
    id: z.string(),
    signalId: UuidSchema,
    signalTitle: z.string(),
    at: DateTimeSchema,
    status: SignalStatusSchema.exclude(['received']),
    response: z.string().nullable(),
    reason: z.string().nullable(),
    responseDueAt: DateTimeSchema,
    meetingStartsAt: DateTimeSchema.nullable(),
  }),
])
export type InboxEntry = z.infer<typeof InboxEntrySchema>

export const InboxSchema = z
  .object({ entries: z.array(InboxEntrySchema), cursor: CursorSchema })
  .meta({ id: 'Inbox' })
export type Inbox = z.infer<typeof InboxSchema>

/** `since`: an opaque cursor from an earlier answer (the server refuses one it never handed out). */
export const InboxQuerySchema = z.object({ since: CursorSchema.optional() })
