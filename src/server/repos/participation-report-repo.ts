import { sql } from 'drizzle-orm'
import { INPUT_CHANNELS } from '../../shared/schemas/agenda-setting'
import { REPORT_MIN_GROUP, type ParticipationReport, type ReachGroup } from '../../shared/schemas/participation-report'
import { queryRows, type Db } from '../db/client'

/*
 * The yearly evaluation's figures, each one SQL aggregate over the period's rows, so memory stays
 * constant however many answers there are. The period is [start, end): `end` is the day after
 * the report's last day. "In the period" means: items and tables that opened in it, signals
 * received in it, advice submitted in it, agendas of the years it touches.
 */

export interface ReportPeriod {
  municipality: string
  start: Date
  end: Date
  now: Date
}

const int = (v: unknown): number => Number(v ?? 0)

/** The published items of the municipality that opened in the period. */
const periodItems = (p: ReportPeriod) => sql`
  select i.id, i.kind, i.title, i.opens_at, i.closes_at, i.feedback_due_at from items i
  where i.municipality = ${p.municipality} and i.published_at is not null and i.published_at <= ${p.now.toISOString()}
    and i.opens_at >= ${p.start.toISOString()} and i.opens_at < ${p.end.toISOString()}`

async function itemFigures(db: Db, p: ReportPeriod): Promise<Pick<ParticipationReport, 'itemsByKind' | 'items'>> {
  const rows = await queryRows<{ id: string; kind: 'poll' | 'question' | 'table'; title: string; opens_at: string | Date; closes_at: string | Date; respondents: string | number }>(
    db,
    sql`with period_items as (${periodItems(p)})
      select pi.id, pi.kind, pi.title, pi.opens_at, pi.closes_at,
        case when pi.kind = 'table'
          then (select count(*) from table_signups s where s.item_id = pi.id and s.status <> 'withdrawn')
          else coalesce((select sum(rc.count) from result_counts rc where rc.item_id = pi.id and rc.question_id = '' and rc.value_key = ''), 0)
        end as respondents
      from period_items pi order by pi.opens_at, pi.id`,
  )
  const kinds = new Map<string, number>()
  for (const r of rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1)
  return {
    itemsByKind: (['poll', 'question', 'table'] as const).map((kind) => ({ kind, items: kinds.get(kind) ?? 0 })),
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, opensAt: new Date(r.opens_at).toISOString(), closesAt: new Date(r.closes_at).toISOString(), respondents: int(r.respondents) })),
  }
}

const suppressed = (n: number): number | null => (n < REPORT_MIN_GROUP ? null : n)

async function grouped(db: Db, query: ReturnType<typeof sql>): Promise<ReachGroup[]> {
  const rows = await queryRows<{ grp: string | null; n: string | number }>(db, query)
  return rows.map((r) => ({ group: r.grp ?? 'unknown', answers: suppressed(int(r.n)) })).sort((a, b) => a.group.localeCompare(b.group))
}

async function reachFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['reach']> {
  const answersBy = (column: ReturnType<typeof sql>) => sql`
    with period_items as (${periodItems(p)})
    select ${column} as grp, count(*) as n from current_answers ca join period_items pi on pi.id = ca.item_id
    where not ca.hidden group by 1`
  const [byAgeBand, byArea, byChannelRows, byRole] = await Promise.all([
    grouped(db, answersBy(sql`ca.age_band`)),
    grouped(db, answersBy(sql`ca.area`)),
    grouped(db, answersBy(sql`ca.channel`)),
    grouped(
      db,
      sql`with period_items as (${periodItems(p)})
        select role as grp, count(*) as n from table_signups s join period_items pi on pi.id = s.item_id
        cross join lateral jsonb_array_elements_text(s.roles) as role
        where s.status <> 'withdrawn' group by 1`,
    ),
  ])
  // Every channel is listed, so "nothing on paper" reads as 0 rather than as a missing row.
  const byChannel = INPUT_CHANNELS.map((group) => {
    const found = byChannelRows.find((g) => g.group === group)
    return { group, answers: found ? found.answers : 0 }
  })
  return { byAgeBand, byArea, byRole, byChannel }
}

async function feedbackFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['feedback']> {
  const [row] = await queryRows<{ closed: string | number; with_feedback: string | number; on_time: string | number; median_days: string | number | null }>(
    db,
    sql`with period_items as (${periodItems(p)}),
      closed as (
        select pi.id, pi.closes_at, pi.feedback_due_at,
          (select min(f.published_at) from feedback f where f.item_id = pi.id and f.corrects_id is null and f.published_at <= ${p.now.toISOString()}) as first_at
        from period_items pi where pi.closes_at <= ${p.now.toISOString()})
      select count(*) as closed,
        count(first_at) as with_feedback,
        count(*) filter (where first_at <= feedback_due_at) as on_time,
        percentile_cont(0.5) within group (order by greatest(0, extract(epoch from first_at - closes_at) / 86400)) filter (where first_at is not null) as median_days
      from closed`,
  )
  const closed = int(row?.closed)
  const onTime = int(row?.on_time)
  const median = row?.median_days === null || row?.median_days === undefined ? null : Math.round(Number(row.median_days) * 10) / 10
  return { closedItems: closed, withFeedback: int(row?.with_feedback), onTime, shareOnTime: closed === 0 ? null : onTime / closed, medianDaysToFirstFeedback: median }
}

async function signalFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['signals']> {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`select count(*) as received,
        count(*) filter (where responded_at is not null) as answered,
        count(*) filter (where responded_at is not null and responded_at <= response_due_at) as answered_on_time,
        count(*) filter (where status <> 'not_taken_up' and (status = 'on_agenda' or agenda_entry_id is not null or item_id is not null or meeting_id is not null)) as taken_up,
        count(*) filter (where status = 'not_taken_up') as not_taken_up
      from signals where municipality = ${p.municipality} and received_at >= ${p.start.toISOString()} and received_at < ${p.end.toISOString()}`,
  )
  return { received: int(row?.received), answered: int(row?.answered), answeredOnTime: int(row?.answered_on_time), takenUp: int(row?.taken_up), notTakenUp: int(row?.not_taken_up) }
}

async function adviceFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['advice']> {
  const inPeriod = sql`municipality = ${p.municipality} and submitted_at >= ${p.start.toISOString()} and submitted_at < ${p.end.toISOString()}`
  const [[advice], [recs]] = await Promise.all([
    queryRows<Record<string, string | number>>(
      db,
      sql`select count(*) as given, count(*) filter (where kind = 'asked') as asked, count(*) filter (where kind = 'unasked') as unasked,
          count(*) filter (where responded_at is not null) as answered,
          count(*) filter (where responded_at is not null and responded_at <= response_due_at) as answered_on_time
        from council_advice where ${inPeriod}`,
    ),
    queryRows<Record<string, string | number>>(
      db,
      sql`select count(*) as recommendations, count(*) filter (where r.decision = 'adopted') as adopted,
          count(*) filter (where r.decision = 'partly_adopted') as partly_adopted, count(*) filter (where r.decision = 'not_adopted') as not_adopted
        from advice_recommendations r where r.advice_id in (select id from council_advice where ${inPeriod})`,
    ),
  ])
  return {
    given: int(advice?.given),
    asked: int(advice?.asked),
    unasked: int(advice?.unasked),
    answered: int(advice?.answered),
    answeredOnTime: int(advice?.answered_on_time),
    recommendations: int(recs?.recommendations),
    adopted: int(recs?.adopted),
    partlyAdopted: int(recs?.partly_adopted),
    notAdopted: int(recs?.not_adopted),
  }
}

async function tableFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['tables']> {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`with period_tables as (select pi.id from (${periodItems(p)}) pi where pi.kind = 'table'),
      held as (select td.item_id, (td.assignment->>'seats')::int as seats from table_details td join period_tables pt on pt.id = td.item_id where td.drawn_at is not null)
      select (select count(*) from period_tables) as tables, (select count(*) from held) as held,
        (select coalesce(sum(seats), 0) from held) as seats_offered,
        (select count(*) from table_signups s join held h on h.item_id = s.item_id where s.status = 'selected') as seats_filled`,
  )
  return { tables: int(row?.tables), held: int(row?.held), seatsOffered: int(row?.seats_offered), seatsFilled: int(row?.seats_filled) }
}

async function agendaFigures(db: Db, p: ReportPeriod): Promise<ParticipationReport['agenda']> {
  const firstYear = p.start.getUTCFullYear()
  const lastYear = new Date(p.end.getTime() - 1).getUTCFullYear()
  const rows = await queryRows<{ year: number; title: string; theme: string; planned_quarter: number; status: ParticipationReport['agenda'][number]['status']; outcome: string | null; items: string | number; signals: string | number }>(
    db,
    sql`select a.year, e.title, e.theme, e.planned_quarter, e.status, e.outcome,
        (select count(*) from items i where i.agenda_entry_id = e.id and i.published_at is not null) as items,
        (select count(*) from signals s where s.agenda_entry_id = e.id and s.moderation <> 'hidden') as signals
      from agenda_entries e join participation_agendas a on a.id = e.agenda_id
      where a.municipality = ${p.municipality} and a.year between ${firstYear} and ${lastYear}
      order by a.year, e.planned_quarter, e.position, e.title`,
  )
  return rows.map((r) => ({ year: int(r.year), title: r.title, theme: r.theme, plannedQuarter: int(r.planned_quarter), status: r.status, outcome: r.outcome, items: int(r.items), signals: int(r.signals) }))
}

export async function participationFigures(db: Db, p: ReportPeriod): Promise<Omit<ParticipationReport, 'municipality' | 'from' | 'to'>> {
  // One after the other: on PGlite (one connection) parallel reads only queue.
  const items = await itemFigures(db, p)
  const reach = await reachFigures(db, p)
  const feedback = await feedbackFigures(db, p)
  const signals = await signalFigures(db, p)
  const advice = await adviceFigures(db, p)
  const tables = await tableFigures(db, p)
  const agenda = await agendaFigures(db, p)
  return { ...items, reach, feedback, signals, advice, tables, agenda }
}
