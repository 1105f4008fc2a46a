import { defaultReportPeriod, type ParticipationReport, type ReportQuery } from '../../shared/schemas/participation-report'
import type { Db } from '../db/client'
import { participationFigures } from '../repos/participation-report-repo'
import type { Actor } from './context'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The evaluation of the official's (or council member's) own municipality for a period of whole
 * days; without dates, the previous calendar year. A missing end runs to the end of the start's
 * year; a missing start begins on 1 January of the end's year.
 */
export async function participationReport(db: Db, actor: Actor, query: Pick<ReportQuery, 'from' | 'to'>, now: Date): Promise<ParticipationReport> {
  const fallback = defaultReportPeriod(now)
  const from = query.from ?? (query.to ? `${query.to.slice(0, 4)}-01-01` : fallback.from)
  const to = query.to ?? (query.from ? `${query.from.slice(0, 4)}-12-31` : fallback.to)
  const start = new Date(`${from}T00:00:00Z`)
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)
  const figures = await participationFigures(db, { municipality: actor.municipality, start, end, now })
  return { municipality: actor.municipality, from, to, ...figures }
}
