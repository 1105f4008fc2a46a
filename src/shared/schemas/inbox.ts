import { z } from 'zod'
import { DateTimeSchema, UuidSchema } from './common'
import { FeedbackSchema } from './feedback'
import { END_OF_TIME_MS } from './safe-text'

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
])
export type InboxEntry = z.infer<typeof InboxEntrySchema>

export const InboxSchema = z
  .object({ entries: z.array(InboxEntrySchema), cursor: z.string() })
  .meta({ id: 'Inbox' })
export type Inbox = z.infer<typeof InboxSchema>

/**
 * `since` is a time in ms; one past the years 2000-2100 was never handed out, and as a database
 * timestamp it would fail (500) instead of being refused.
 */
export const InboxQuerySchema = z.object({
  since: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'expected a cursor returned by this API')
    .refine((v) => Number(v) < END_OF_TIME_MS, { message: 'expected a cursor returned by this API' })
    .optional(),
})
