import { z } from 'zod'
import { AUDIT_ACTIONS } from '../audit-actions'
import { safeString, SafeDateTime } from './safe-text'

/** Which entries to read: who, what, when (from inclusive, to exclusive), which item; then the page. */
export const AuditQuerySchema = z.object({
  officialId: z.uuid().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  itemId: z.uuid().optional(),
  from: SafeDateTime.optional(),
  to: SafeDateTime.optional(),
  /** The `nextCursor` of the previous page (opaque). */
  cursor: safeString().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type AuditQuery = z.infer<typeof AuditQuerySchema>

/** The same filters for the CSV export, which always covers every matching entry. */
export const AuditExportQuerySchema = AuditQuerySchema.omit({ cursor: true, limit: true })
export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>

/** One entry as the log page shows it: the item by its title, the official by e-mail address. */
export const AuditLogEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    officialId: z.uuid().nullable(),
    officialEmail: z.string().nullable(),
    action: z.string(),
    itemId: z.uuid().nullable(),
    itemTitle: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditLogEntry' })
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>

/** Newest first; `nextCursor` is null on the last page. */
export const AuditPageSchema = z.object({ entries: z.array(AuditLogEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' })
export type AuditPage = z.infer<typeof AuditPageSchema>
