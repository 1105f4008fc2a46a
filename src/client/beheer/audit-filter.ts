import type { AuditAction } from '../../shared/audit-actions'
import type { AuditExportQuery } from '../../shared/schemas/audit-log'

/** The filter form as the official fills it in: empty means "any". Dates are local calendar days. */
export interface AuditFilterForm {
  officialId: string
  action: '' | AuditAction
  itemId: string
  fromDate: string
  toDate: string
}

export const emptyAuditFilter = (): AuditFilterForm => ({ officialId: '', action: '', itemId: '', fromDate: '', toDate: '' })

const localMidnight = (date: string, addDays = 0): string | undefined => {
  const [y, m, d] = date.split('-').map(Number)
  if (!y || !m || !d) return undefined
  return new Date(y, m - 1, d + addDays).toISOString()
}

/**
 * The query for the API: "from" is the start of that day and "to" the start of the day after,
 * in the official's own time zone, so "up to and including 3 December" means what it says.
 */
export function auditQueryOf(form: AuditFilterForm): AuditExportQuery {
  const query: AuditExportQuery = {}
  if (form.officialId) query.officialId = form.officialId
  if (form.action) query.action = form.action
  if (form.itemId) query.itemId = form.itemId
  const from = form.fromDate ? localMidnight(form.fromDate) : undefined
  const to = form.toDate ? localMidnight(form.toDate, 1) : undefined
  if (from) query.from = from
  if (to) query.to = to
  return query
}
