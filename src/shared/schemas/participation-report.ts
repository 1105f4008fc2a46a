import { z } from 'zod'
import { AGENDA_ENTRY_STATUSES, INPUT_CHANNELS } from './agenda-setting'
import { SlugSchema, UuidSchema } from './common'
import { ITEM_KINDS } from './item'

/*
 * The yearly evaluation (issue 11 item 8; Westervoort 1.8): what the municipality did with
 * participation in a period. Dates are calendar days in UTC; `to` is the last day included.
 * Reach groups with fewer than REPORT_MIN_GROUP answers are suppressed (null; "<5" in CSV).
 */

export const REPORT_MIN_GROUP = 5

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/
export const ReportDaySchema = z
  .string()
  .regex(DAY_PATTERN, 'expected a date as YYYY-MM-DD')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`)
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d && ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2101, 0, 1)
  }, 'expected an existing date between 2000 and 2100')

export const ReportQuerySchema = z
  .object({
    from: ReportDaySchema.optional(),
    to: ReportDaySchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => !q.from || !q.to || Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) <= 3 * 366 * 86_400_000, {
    path: ['to'],
    message: 'a report covers at most three years',
  })
export type ReportQuery = z.infer<typeof ReportQuerySchema>

/** The period a report covers when none is asked: the previous calendar year. */
export function defaultReportPeriod(now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear() - 1
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** A group of the reach figures; `answers` is null when fewer than REPORT_MIN_GROUP (suppressed). */
export const ReachGroupSchema = z.object({ group: z.string(), answers: z.number().int().nullable() })
export type ReachGroup = z.infer<typeof ReachGroupSchema>

export const ParticipationReportSchema = z
  .object({
    municipality: SlugSchema,
    from: z.string(),
    to: z.string(),
    /** Published items that opened in the period, per kind. */
    itemsByKind: z.array(z.object({ kind: z.enum(ITEM_KINDS), items: z.number().int() })),
    /** Each of those items with how many people responded (a table: how many signed up). */
    items: z.array(z.object({ id: UuidSchema, title: z.string(), kind: z.enum(ITEM_KINDS), opensAt: z.string(), closesAt: z.string(), respondents: z.number().int() })),
    /** Answers to polls and questions (age band, area, channel) and table sign-ups (role), by group. */
    reach: z.object({
      byAgeBand: z.array(ReachGroupSchema),
      byArea: z.array(ReachGroupSchema),
      byRole: z.array(ReachGroupSchema),
      byChannel: z.array(ReachGroupSchema.extend({ group: z.enum(INPUT_CHANNELS) })),
    }),
    /** Of those items that have closed: feedback by its due date, and days from closing to the first feedback. */
    feedback: z.object({
      closedItems: z.number().int(),
      withFeedback: z.number().int(),
      onTime: z.number().int(),
      shareOnTime: z.number().nullable(),
      medianDaysToFirstFeedback: z.number().nullable(),
    }),
    /** Residents' signals and proposals received in the period. */
    signals: z.object({ received: z.number().int(), answered: z.number().int(), answeredOnTime: z.number().int(), takenUp: z.number().int(), notTakenUp: z.number().int() }),
    /** The participation council's advice submitted in the period, and the municipality's answers per recommendation. */
    advice: z.object({
      given: z.number().int(),
      asked: z.number().int(),
      unasked: z.number().int(),
      answered: z.number().int(),
      answeredOnTime: z.number().int(),
      recommendations: z.number().int(),
      adopted: z.number().int(),
      partlyAdopted: z.number().int(),
      notAdopted: z.number().int(),
    }),
    /** Tables that opened in the period; held = the selection was made; seats of the held ones. */
    tables: z.object({ tables: z.number().int(), held: z.number().int(), seatsOffered: z.number().int(), seatsFilled: z.number().int() }),
    /** The topics of the participation agendas of the period's years, with what happened to each. */
    agenda: z.array(
      z.object({
        year: z.number().int(),
        title: z.string(),
        theme: z.string(),
        plannedQuarter: z.number().int(),
        status: z.enum(AGENDA_ENTRY_STATUSES),
        outcome: z.string().nullable(),
        items: z.number().int(),
        signals: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ParticipationReport' })
export type ParticipationReport = z.infer<typeof ParticipationReportSchema>
