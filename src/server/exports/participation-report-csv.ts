import type { ParticipationReport, ReachGroup } from '../../shared/schemas/participation-report'
import { csvCell } from './item-export'

/** A suppressed group is written as "<5", so a spreadsheet shows it was small, not empty. */
const reachValue = (g: ReachGroup): string => (g.answers === null ? '<5' : String(g.answers))
const num = (n: number | null): string => (n === null ? '' : String(n))

/**
 * The report as one long table (section, name, value, detail): every figure on its own row, so
 * it opens in any spreadsheet and can be compared year on year. UTF-8 with BOM like the input export.
 */
export function participationReportCsv(report: ParticipationReport): string {
  const rows: string[][] = [['section', 'name', 'value', 'detail']]
  const add = (section: string, name: string, value: string, detail = '') => rows.push([section, name, value, detail])
  add('period', 'municipality', report.municipality)
  add('period', 'from', report.from)
  add('period', 'to', report.to)
  for (const k of report.itemsByKind) add('items_by_kind', k.kind, String(k.items))
  for (const i of report.items) add('respondents_per_item', i.title, String(i.respondents), `${i.kind} ${i.opensAt.slice(0, 10)}..${i.closesAt.slice(0, 10)}`)
  for (const g of report.reach.byAgeBand) add('reach_age_band', g.group, reachValue(g))
  for (const g of report.reach.byArea) add('reach_area', g.group, reachValue(g))
  for (const g of report.reach.byRole) add('reach_role', g.group, reachValue(g))
  for (const g of report.reach.byChannel) add('reach_channel', g.group, reachValue(g))
  const f = report.feedback
  add('feedback', 'closed_items', String(f.closedItems))
  add('feedback', 'with_feedback', String(f.withFeedback))
  add('feedback', 'on_time', String(f.onTime))
  add('feedback', 'share_on_time', num(f.shareOnTime === null ? null : Math.round(f.shareOnTime * 1000) / 1000))
  add('feedback', 'median_days_to_first_feedback', num(f.medianDaysToFirstFeedback))
  for (const [name, value] of Object.entries(report.signals)) add('signals', name, String(value))
  for (const [name, value] of Object.entries(report.advice)) add('advice', name, String(value))
  for (const [name, value] of Object.entries(report.tables)) add('tables', name, String(value))
  for (const e of report.agenda) add('agenda', e.title, e.status, `${e.year} Q${e.plannedQuarter}; items ${e.items}; signals ${e.signals}${e.outcome ? `; ${e.outcome}` : ''}`)
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
