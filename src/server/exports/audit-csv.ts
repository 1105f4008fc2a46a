import type { AuditExportQuery, AuditLogEntry } from '../../shared/schemas/audit-log'
import type { Db } from '../db/client'
import { listAuditPage, type AuditPosition } from '../repos/audit-repo'
import { csvCell } from './item-export'

const BOM = '\uFEFF'
const HEADER = ['at', 'official_email', 'action', 'item_id', 'item_title', 'details']
/** Rows fetched per query while streaming: memory stays flat however long the log is. */
export const AUDIT_EXPORT_BATCH = 500

function csvLine(entry: AuditLogEntry): string {
  const cells = [entry.at, entry.officialEmail ?? '', entry.action, entry.itemId ?? '', entry.itemTitle ?? '', JSON.stringify(entry.details)]
  return `${cells.map(csvCell).join(',')}\r\n`
}

/**
 * The CSV of every matching entry, newest first, produced a batch at a time on the same keyset
 * as the log page, so an export of years of entries never sits in memory whole.
 */
export async function* auditCsv(db: Db, municipality: string, filter: AuditExportQuery): AsyncGenerator<string> {
  yield BOM + HEADER.join(',') + '\r\n'
  let after: AuditPosition | null = null
  do {
    const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage(db, municipality, filter, { after, limit: AUDIT_EXPORT_BATCH })
    if (page.entries.length > 0) yield page.entries.map(csvLine).join('')
    after = page.next
  } while (after)
}
