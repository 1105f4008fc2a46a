import { z } from 'zod'

/** One official action in the audit log: who, what, when, on which item. Never answers or passwords. */
export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    officialEmail: z.string().nullable(),
    action: z.string(),
    itemId: z.uuid().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof AuditEntrySchema>
