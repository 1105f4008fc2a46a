import { z } from 'zod'

export const MAIL_STATES = ['pending', 'sending', 'sent', 'dead'] as const

/** A message the queue gave up on, as the municipality's admins see it: no body, the address masked. */
export const DeadLetterSchema = z.object({
  id: z.uuid(),
  /** The recipient with most of the local part hidden (`j***@example.nl`): enough to recognise, not to harvest. */
  to: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  /** An SMTP status (`SMTP 550`) or an error code (`ECONNREFUSED`). */
  lastError: z.string().nullable(),
  createdAt: z.string(),
})

export const MailQueueSchema = z
  .object({
    counts: z.object(Object.fromEntries(MAIL_STATES.map((s) => [s, z.number().int()])) as Record<(typeof MAIL_STATES)[number], z.ZodNumber>),
    dead: z.array(DeadLetterSchema),
  })
  .meta({ id: 'MailQueue' })
export type MailQueue = z.infer<typeof MailQueueSchema>

/** `jan.jansen@example.nl` -> `j***@example.nl`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${address[0]}***${address.slice(at)}`
}
