import type { FastifyInstance } from 'fastify'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { adviceRecommendations, councilAdvice, items, signals, tableDetails, tableSignups } from '../../src/server/db/schema'
import { publishFeedback } from '../../src/server/repos/feedback-repo'
import { ensureAgenda, insertEntry } from '../../src/server/repos/participation-agenda-repo'
import { putAssignment } from '../../src/server/repos/table-repo'
import { REPORT_MIN_GROUP, type ParticipationReport } from '../../src/shared/schemas/participation-report'
import type { SignupRole } from '../../src/shared/schemas/table'
import type { AgeBand } from '../../src/shared/schemas/profile'
import { aSubmission, givenItem, newDeviceId } from './factories'
import { signIn } from './officials'
import { anAssignment } from './tables'

/*
 * A year of participation in Beverwijk (2026), with rows just outside it (2025, 2027, Velsen,
 * drafts), written through the real routes where residents and officials would act. The test
 * computes every expected figure from the lists below with plain JavaScript, never with the
 * report's SQL. Needs municipalities beverwijk and velsen and official a@beverwijk.nl.
 */

const at = (iso: string) => new Date(iso)
const DAY = 86_400_000

interface AnswerRow {
  item: 'poll' | 'question'
  ageBand?: AgeBand
  area?: string
  channel: 'app' | 'paper' | 'phone' | 'meeting'
  hidden?: boolean
}

interface SignupRow {
  status: 'selected' | 'waitlisted' | 'not_selected' | 'withdrawn'
  roles: SignupRole[]
}

export interface ReportScenario {
  answers: AnswerRow[]
  signups: SignupRow[]
  seats: number
  pollId: string
  questionId: string
  tableId: string
  entryTitles: string[]
}

export async function buildReportScenario(app: FastifyInstance, clock: { now: Date }): Promise<ReportScenario> {
  const db = app.database.db
  const official = async () => signIn(app, 'a@beverwijk.nl')

  const pollId = await givenItem(db, clock.now, { kind: 'poll', title: 'Speelplekken', opensAt: at('2026-02-01T00:00:00Z'), closesAt: at('2026-03-01T00:00:00Z'), feedbackDueAt: at('2026-04-01T00:00:00Z'), publishedAt: at('2026-01-20T00:00:00Z') })
  const questionId = await givenItem(db, clock.now, { kind: 'question', title: 'Groen in de wijk', opensAt: at('2026-05-01T00:00:00Z'), closesAt: at('2026-06-01T00:00:00Z'), feedbackDueAt: at('2026-06-15T00:00:00Z'), publishedAt: at('2026-04-20T00:00:00Z') })
  const tableId = await givenItem(db, clock.now, { kind: 'table', title: 'Tafel zorg', questions: [], opensAt: at('2026-07-01T00:00:00Z'), closesAt: at('2026-08-01T00:00:00Z'), feedbackDueAt: at('2026-09-01T00:00:00Z'), publishedAt: at('2026-06-20T00:00:00Z') })
  // Outside the report: opened in 2025, another municipality's, a draft, opened in 2027.
  await givenItem(db, clock.now, { title: 'Vorig jaar', opensAt: at('2025-10-01T00:00:00Z'), closesAt: at('2026-01-15T00:00:00Z'), feedbackDueAt: at('2026-02-15T00:00:00Z'), publishedAt: at('2025-09-20T00:00:00Z') })
  await givenItem(db, clock.now, { municipality: 'velsen', title: 'Velsen', opensAt: at('2026-03-01T00:00:00Z'), closesAt: at('2026-04-01T00:00:00Z'), feedbackDueAt: at('2026-05-01T00:00:00Z'), publishedAt: at('2026-02-20T00:00:00Z') })
  await givenItem(db, clock.now, { title: 'Concept', opensAt: at('2026-03-01T00:00:00Z'), closesAt: at('2026-04-01T00:00:00Z'), feedbackDueAt: at('2026-05-01T00:00:00Z'), publishedAt: null })
  await givenItem(db, clock.now, { title: 'Volgend jaar', opensAt: at('2027-01-05T00:00:00Z'), closesAt: at('2027-02-01T00:00:00Z'), feedbackDueAt: at('2027-03-01T00:00:00Z'), publishedAt: at('2026-12-20T00:00:00Z') })

  const answers: AnswerRow[] = [
    ...Array.from({ length: 7 }, (): AnswerRow => ({ item: 'poll', ageBand: '18-23', area: 'Centrum', channel: 'app' })),
    ...Array.from({ length: 3 }, (): AnswerRow => ({ item: 'poll', ageBand: '65+', area: 'Noord', channel: 'app' })),
    { item: 'poll', ageBand: '18-23', area: 'Centrum', channel: 'app', hidden: true },
    ...Array.from({ length: 6 }, (): AnswerRow => ({ item: 'question', ageBand: '24-64', area: 'Centrum', channel: 'app' })),
    ...Array.from({ length: 5 }, (): AnswerRow => ({ item: 'question', ageBand: '65+', channel: 'paper' })),
    ...Array.from({ length: 2 }, (): AnswerRow => ({ item: 'question', channel: 'phone' })),
  ]
  // Residents answer while each item is open; the official enters the paper and phone answers then too.
  for (const [item, itemId, moment] of [['poll', pollId, '2026-02-10T12:00:00Z'], ['question', questionId, '2026-05-10T12:00:00Z']] as const) {
    clock.now = at(moment)
    const rows = answers.filter((a) => a.item === item)
    const fromApp = rows.filter((a) => a.channel === 'app')
    const subs = fromApp.map((a) => aSubmission(itemId, { answeredAt: clock.now.toISOString(), answers: { q1: 'ja' }, profile: { ...(a.ageBand ? { ageBand: a.ageBand } : {}), ...(a.area ? { area: a.area } : {}) } }))
    const posted = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: subs } })
    expect(posted.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true)
    const session = await official()
    for (const [i, a] of fromApp.entries()) {
      if (!a.hidden) continue
      const hid = await app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${subs[i]!.id}/hide`, headers: session.headers, payload: { reason: 'off_topic' } })
      expect(hid.statusCode).toBe(200)
    }
    const entered = rows.filter((a) => a.channel !== 'app')
    if (entered.length > 0) {
      const res = await app.inject({
        method: 'POST', url: `/api/official/items/${itemId}/on-behalf`, headers: session.headers,
        payload: { entries: entered.map((a) => ({ id: crypto.randomUUID(), answeredAt: clock.now.toISOString(), answers: { q1: 'nee' }, channel: a.channel, ...(a.ageBand ? { profile: { ageBand: a.ageBand } } : {}) })) },
      })
      expect(res.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true)
    }
  }

  // The table: sign-ups, and the selection made (the table was held).
  const assignment = anAssignment(at('2026-07-02T00:00:00Z'), { seats: 4, reserved: { clientOrExpert: 0, youth: 0 } })
  await putAssignment(db, tableId, assignment)
  await db.update(tableDetails).set({ drawnAt: at('2026-07-20T00:00:00Z') }).where(eq(tableDetails.itemId, tableId))
  const signups: SignupRow[] = [
    ...Array.from({ length: 4 }, (): SignupRow => ({ status: 'selected', roles: ['resident', 'carer'] })),
    { status: 'waitlisted', roles: ['resident'] },
    { status: 'waitlisted', roles: ['client'] },
    { status: 'not_selected', roles: ['resident'] },
    { status: 'withdrawn', roles: ['resident'] },
  ]
  const when = at('2026-07-05T00:00:00Z')
  await db.insert(tableSignups).values(
    signups.map((s, i) => ({ id: crypto.randomUUID(), itemId: tableId, deviceKey: newDeviceId(), revision: 1, status: s.status, ageBand: '24-64', roles: s.roles, consentVersion: 'v1', consentedAt: when, receivedAt: when, updatedAt: when, drawPosition: i })),
  )

  // Feedback: the poll on time (19 days after closing), the question late (30 days), the table none.
  const officialId = crypto.randomUUID()
  const first = await publishFeedback(db, { itemId: pollId, officialId, entry: { outcome: 'adopted', summary: 'We maken twee speelplekken.' } }, at('2026-03-20T00:00:00Z'))
  await publishFeedback(db, { itemId: pollId, officialId, correctsId: first, entry: { outcome: 'adopted', summary: 'We maken drie speelplekken.' } }, at('2026-05-20T00:00:00Z'))
  await publishFeedback(db, { itemId: questionId, officialId, entry: { outcome: 'partly_adopted', summary: 'Er komt meer groen.', reason: 'Niet overal is plek.' } }, at('2026-07-01T00:00:00Z'))

  // The agenda of 2026 (two topics), of 2027 and of Velsen (outside).
  const agenda = await ensureAgenda(db, 'beverwijk', 2026, clock.now)
  const entryFields = { summary: 'Samenvatting', theme: 'opgroeien', phase: 'agenda' as const, ladder: 'adviseren' as const, forms: ['poll' as const] }
  const play = await insertEntry(db, agenda, { ...entryFields, title: 'Speelbeleid', plannedQuarter: 1, status: 'done', outcome: 'Drie nieuwe speelplekken' }, officialId, clock.now)
  await insertEntry(db, agenda, { ...entryFields, title: 'Armoedebeleid', plannedQuarter: 4, status: 'postponed' }, officialId, clock.now)
  await insertEntry(db, await ensureAgenda(db, 'beverwijk', 2027, clock.now), { ...entryFields, title: 'Later', plannedQuarter: 1, status: 'planned' }, officialId, clock.now)
  await insertEntry(db, await ensureAgenda(db, 'velsen', 2026, clock.now), { ...entryFields, title: 'Velsen', plannedQuarter: 1, status: 'planned' }, officialId, clock.now)
  await db.update(items).set({ agendaEntryId: play.id }).where(eq(items.id, pollId))

  // Signals: four received in 2026 (one answered on time and linked, one answered late and not
  // taken up, one waiting, one on the agenda); one from 2025 and one of Velsen outside.
  const signal = (receivedAt: string, overrides: Partial<typeof signals.$inferInsert> = {}) => ({
    id: crypto.randomUUID(), municipality: 'beverwijk', deviceKey: newDeviceId(), kind: 'signal' as const, title: 'Een signaal', body: 'Tekst van het signaal',
    createdAt: at(receivedAt), receivedAt: at(receivedAt), responseDueAt: new Date(at(receivedAt).getTime() + 42 * DAY), moderation: 'published' as const, ...overrides,
  })
  await db.insert(signals).values([
    signal('2026-02-01T00:00:00Z', { status: 'answered', response: 'Dank', respondedAt: at('2026-02-20T00:00:00Z'), agendaEntryId: play.id }),
    signal('2026-03-01T00:00:00Z', { status: 'not_taken_up', statusReason: 'Geen taak van de gemeente', response: 'Helaas', respondedAt: at('2026-05-01T00:00:00Z') }),
    signal('2026-10-01T00:00:00Z'),
    signal('2026-11-01T00:00:00Z', { status: 'on_agenda', moderation: 'pending' }),
    signal('2025-12-31T23:00:00Z'),
    signal('2026-04-01T00:00:00Z', { municipality: 'velsen' }),
  ])

  // Advice: asked (answered on time, three recommendations), unasked (answered late, one), unasked
  // (waiting, two undecided); a draft and one from 2025 outside.
  const advice = async (submittedAt: string | null, kind: 'asked' | 'unasked', respondedAt: string | null, decisions: (('adopted' | 'partly_adopted' | 'not_adopted') | null)[]) => {
    const submitted = submittedAt ? at(submittedAt) : null
    const [row] = await db
      .insert(councilAdvice)
      .values({ municipality: 'beverwijk', kind, title: 'Advies', body: 'Ons advies', authorId: officialId, submittedAt: submitted, responseDueAt: submitted ? new Date(submitted.getTime() + 42 * DAY) : null, respondedAt: respondedAt ? at(respondedAt) : null, ...(kind === 'asked' ? { itemId: pollId } : {}) })
      .returning({ id: councilAdvice.id })
    if (decisions.length > 0) await db.insert(adviceRecommendations).values(decisions.map((decision, position) => ({ adviceId: row!.id, position, text: `Aanbeveling ${position + 1}`, decision, explanation: decision && decision !== 'adopted' ? 'Omdat het budget op is.' : null })))
  }
  await advice('2026-04-01T00:00:00Z', 'asked', '2026-05-01T00:00:00Z', ['adopted', 'partly_adopted', 'not_adopted'])
  await advice('2026-09-01T00:00:00Z', 'unasked', '2026-11-01T00:00:00Z', ['adopted'])
  await advice('2026-12-01T00:00:00Z', 'unasked', null, [null, null])
  await advice(null, 'unasked', null, ['adopted'])
  await advice('2025-06-01T00:00:00Z', 'asked', '2025-06-10T00:00:00Z', ['adopted'])

  clock.now = at('2027-03-01T12:00:00Z')
  return { answers, signups, seats: assignment.seats, pollId, questionId, tableId, entryTitles: ['Speelbeleid', 'Armoedebeleid'] }
}

const suppress = (n: number) => (n < REPORT_MIN_GROUP ? null : n)

/** Counts per group of a list, suppressed under 5, sorted by group: computed here, not by the report. */
function groupsOf<T>(rows: T[], groupOf: (r: T) => string[]): { group: string; answers: number | null }[] {
  const counts = new Map<string, number>()
  for (const r of rows) for (const g of groupOf(r)) counts.set(g, (counts.get(g) ?? 0) + 1)
  return [...counts.entries()].map(([group, n]) => ({ group, answers: suppress(n) })).sort((a, b) => a.group.localeCompare(b.group))
}

/** Checks every figure of the report against what the scenario wrote. */
export function expectReportMatches(report: ParticipationReport, s: ReportScenario): void {
  const visible = s.answers.filter((a) => !a.hidden)
  const standing = s.signups.filter((x) => x.status !== 'withdrawn')
  expect(report.from).toBe('2026-01-01')
  expect(report.to).toBe('2026-12-31')
  expect(report.itemsByKind).toEqual([{ kind: 'poll', items: 1 }, { kind: 'question', items: 1 }, { kind: 'table', items: 1 }])
  expect(report.items.map((i) => [i.id, i.respondents])).toEqual([
    [s.pollId, visible.filter((a) => a.item === 'poll').length],
    [s.questionId, visible.filter((a) => a.item === 'question').length],
    [s.tableId, standing.length],
  ])
  expect(report.reach.byAgeBand).toEqual(groupsOf(visible, (a) => [a.ageBand ?? 'unknown']))
  expect(report.reach.byArea).toEqual(groupsOf(visible, (a) => [a.area ?? 'unknown']))
  expect(report.reach.byRole).toEqual(groupsOf(standing, (x) => x.roles))
  const perChannel = (c: string) => visible.filter((a) => a.channel === c).length
  expect(report.reach.byChannel).toEqual(['app', 'paper', 'phone', 'meeting'].map((c) => ({ group: c, answers: perChannel(c) === 0 ? 0 : suppress(perChannel(c)) })))
  // Closed: poll, question and table. First feedback: poll after 19 days (before its due date), question after 30 (late).
  expect(report.feedback).toEqual({ closedItems: 3, withFeedback: 2, onTime: 1, shareOnTime: 1 / 3, medianDaysToFirstFeedback: (19 + 30) / 2 })
  expect(report.signals).toEqual({ received: 4, answered: 2, answeredOnTime: 1, takenUp: 2, notTakenUp: 1 })
  expect(report.advice).toEqual({ given: 3, asked: 1, unasked: 2, answered: 2, answeredOnTime: 1, recommendations: 6, adopted: 2, partlyAdopted: 1, notAdopted: 1 })
  expect(report.tables).toEqual({ tables: 1, held: 1, seatsOffered: s.seats, seatsFilled: s.signups.filter((x) => x.status === 'selected').length })
  expect(report.agenda).toEqual([
    { year: 2026, title: 'Speelbeleid', theme: 'opgroeien', plannedQuarter: 1, status: 'done', outcome: 'Drie nieuwe speelplekken', items: 1, signals: 1 },
    { year: 2026, title: 'Armoedebeleid', theme: 'opgroeien', plannedQuarter: 4, status: 'postponed', outcome: null, items: 0, signals: 0 },
  ])
}
