import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { mailOutbox } from '../../src/server/db/schema'
import { enqueueMail } from '../../src/server/repos/mail-outbox-repo'
import type { Item } from '../../src/shared/schemas/item'
import type { ItemDraft } from '../../src/shared/schemas/item-draft'
import { publishFeedback } from '../../src/server/repos/feedback-repo'
import { putAssignment } from '../../src/server/repos/table-repo'
import type { TableAssignment } from '../../src/shared/schemas/table'
import { anAssignment } from '../support/tables'
import { createTestApp, type TestApp } from '../support/test-app'
import { allRoutes } from '../../src/shared/routes'
import { API_PREFIX } from '../../src/server/routes/register-route'
import { SIGNED_IN_ACCESS } from '../../src/shared/routes/route'
import { upsertMunicipality } from '../../src/server/repos/municipality-repo'
import { aSubmission, givenItem, givenMunicipality, pollQuestions } from '../support/factories'
import { givenOfficial, signIn, type Session } from '../support/officials'
import { aMeeting, anAdviceDraft, givenAdvice, givenAgendaEntry as givenCouncilAgendaEntry } from '../support/council'
import { insertMeeting } from '../../src/server/repos/council-meeting-repo'
import { MeetingInputSchema } from '../../src/shared/schemas/council-meeting'
import { givenMeeting as givenSignalMeeting, givenPublishedSignal, givenSignal } from '../support/signals'
import { ensureAgenda, insertEntry } from '../../src/server/repos/participation-agenda-repo'
import { insertPartner } from '../../src/server/repos/partner-repo'

/**
 * Walks every route that needs a signed-in official, taken from the app's own route table, as
 * four callers. A route added later without an entry below fails this test, so none is forgotten.
 */
type Caller = 'anonymous' | 'officialA' | 'officialB' | 'adminA' | 'councilA'
/**
 * `councilA` (a participation council member of A) may be left out: it then expects 403 on
 * `official` and `admin` routes and the same as `officialA` on `member` routes; a `council` route
 * must say it.
 */
type Expect = Record<Exclude<Caller, 'councilA'>, number> & { councilA?: number }

interface Case {
  /** Makes a fresh target for each call (a new draft, an answer...) so calls do not interfere. */
  prepare(): Promise<{ url: string; body?: unknown; contentType?: string }>
  expect: Expect
}

let t: TestApp
const sessions = {} as Record<Exclude<Caller, 'anonymous'>, Session>
const DAY = 86_400_000

function draft(): ItemDraft {
  const now = t.clock.now.getTime()
  return {
    kind: 'poll',
    title: 'Nieuwe peiling',
    summary: 'Een korte peiling',
    theme: 'opgroeien',
    ladder: 'raadplegen',
    phase: 'agenda',
    opensAt: new Date(now - DAY).toISOString(),
    closesAt: new Date(now + 10 * DAY).toISOString(),
    feedbackDueAt: new Date(now + 40 * DAY).toISOString(),
    resultsVisibility: 'direct',
    questions: pollQuestions,
  }
}

async function itemWithAnswer(): Promise<{ itemId: string; submissionId: string }> {
  const itemId = await givenItem(t.db, t.clock.now)
  const s = aSubmission(itemId, { answers: { q1: 'ja', q4: 'Een tekst' }, answeredAt: t.clock.now.toISOString() })
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [s] } })
  expect(res.json().results[0].status).toBe('accepted')
  return { itemId, submissionId: s.id }
}

/** A table item of municipality A, with its assignment when asked (written straight to the database). */
async function givenTable(withAssignment = false, overrides: Partial<TableAssignment> = {}): Promise<string> {
  const id = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
  if (withAssignment) await putAssignment(t.db, id, anAssignment(t.clock.now, overrides))
  return id
}

const officialOnly: Expect = { anonymous: 401, officialA: 200, officialB: 404, adminA: 200 }
const adminOnly: Expect = { anonymous: 401, officialA: 403, officialB: 403, adminA: 200 }
/** Council routes: only a council member of the municipality; officials and admins are refused. */
const councilOnly: Expect = { anonymous: 401, officialA: 403, officialB: 403, adminA: 403, councilA: 200 }

async function givenMeeting(): Promise<string> {
  return t.db.transaction(async (tx) => insertMeeting(tx, { municipality: 'beverwijk', createdBy: crypto.randomUUID(), meeting: MeetingInputSchema.parse(aMeeting(t.clock.now)) }, t.clock.now))
}

/** An entry on municipality A's agenda of a year (written straight to the database). */
async function givenAgendaEntry(year = 2030): Promise<string> {
  const agenda = await ensureAgenda(t.db, 'beverwijk', year, t.clock.now)
  const entry = await insertEntry(t.db, agenda, { title: 'Nieuw speelbeleid', summary: 'Waar komen speelplekken?', theme: 'opgroeien', phase: 'agenda', ladder: 'adviseren', forms: ['poll'], plannedQuarter: 2, status: 'planned' }, crypto.randomUUID(), t.clock.now)
  return entry.id
}

async function givenPartner(): Promise<string> {
  const partner = await insertPartner(t.db, 'beverwijk', { name: `Cliëntenraad ${crypto.randomUUID()}`, kind: 'client_council' }, t.clock.now)
  return partner!.id
}

const anEntryDraft = { title: 'Nieuw speelbeleid', summary: 'Waar komen speelplekken?', theme: 'opgroeien', phase: 'agenda', ladder: 'adviseren', forms: ['poll', 'meeting'], plannedQuarter: 3 }
const memberRead: Expect = { anonymous: 401, officialA: 200, officialB: 200, adminA: 200 }

const cases: Record<string, Case> = {
  'GET /api/auth/me': { prepare: async () => ({ url: '/api/auth/me' }), expect: { anonymous: 401, officialA: 200, officialB: 200, adminA: 200 } },
  'GET /api/official/items': { prepare: async () => ({ url: '/api/official/items' }), expect: { ...officialOnly, officialB: 200 } },
  'POST /api/official/items': { prepare: async () => ({ url: '/api/official/items', body: draft() }), expect: { ...officialOnly, officialA: 201, officialB: 201, adminA: 201 } },
  'GET /api/official/items/:id': { prepare: async () => ({ url: `/api/official/items/${await givenItem(t.db, t.clock.now)}` }), expect: officialOnly },
  'PUT /api/official/items/:id': { prepare: async () => ({ url: `/api/official/items/${await givenItem(t.db, t.clock.now)}`, body: draft() }), expect: officialOnly },
  'POST /api/official/items/:id/publish': {
    prepare: async () => ({ url: `/api/official/items/${await givenItem(t.db, t.clock.now, { publishedAt: null })}/publish`, body: {} }),
    expect: officialOnly,
  },
  'POST /api/official/items/:id/close': { prepare: async () => ({ url: `/api/official/items/${await givenItem(t.db, t.clock.now)}/close`, body: {} }), expect: officialOnly },
  'GET /api/official/items/:id/input': { prepare: async () => ({ url: `/api/official/items/${(await itemWithAnswer()).itemId}/input` }), expect: officialOnly },
  'GET /api/official/items/:id/answers': { prepare: async () => ({ url: `/api/official/items/${(await itemWithAnswer()).itemId}/answers` }), expect: officialOnly },
  'GET /api/official/items/:id/export': { prepare: async () => ({ url: `/api/official/items/${(await itemWithAnswer()).itemId}/export?format=csv` }), expect: officialOnly },
  'POST /api/official/items/:id/answers/:submissionId/hide': {
    prepare: async () => {
      const { itemId, submissionId } = await itemWithAnswer()
      return { url: `/api/official/items/${itemId}/answers/${submissionId}/hide`, body: { reason: 'off_topic' } }
    },
    expect: officialOnly,
  },
  'POST /api/official/items/:id/answers/:submissionId/unhide': {
    prepare: async () => {
      const { itemId, submissionId } = await itemWithAnswer()
      return { url: `/api/official/items/${itemId}/answers/${submissionId}/unhide`, body: {} }
    },
    expect: officialOnly,
  },
  'POST /api/official/items/:id/answers/:submissionId/redact': {
    prepare: async () => {
      const { itemId, submissionId } = await itemWithAnswer()
      return { url: `/api/official/items/${itemId}/answers/${submissionId}/redact`, body: { questionId: 'q4' } }
    },
    expect: officialOnly,
  },
  'GET /api/official/officials': { prepare: async () => ({ url: '/api/official/officials' }), expect: adminOnly },
  'POST /api/official/officials': {
    prepare: async () => ({ url: '/api/official/officials', body: { email: `new-${crypto.randomUUID()}@beverwijk.nl`, password: 'een-lange-goede-zin', role: 'official' } }),
    expect: { ...adminOnly, adminA: 201 },
  },
  'POST /api/official/officials/:id/disable': {
    prepare: async () => ({ url: `/api/official/officials/${await givenOfficial(t.db, 'beverwijk', 'official', `x-${crypto.randomUUID()}@beverwijk.nl`)}/disable`, body: {} }),
    expect: adminOnly,
  },
  'GET /api/official/audit': { prepare: async () => ({ url: '/api/official/audit' }), expect: adminOnly },
  'GET /api/official/mail-queue': { prepare: async () => ({ url: '/api/official/mail-queue' }), expect: adminOnly },
  'POST /api/official/mail-queue/:id/retry': {
    prepare: async () => {
      const id = await enqueueMail(t.db, { to: 'x@example.nl', subject: 'S', text: 'T', municipality: 'beverwijk' }, 'noreply@beverwijk.nl', t.clock.now)
      await t.db.update(mailOutbox).set({ state: 'dead' }).where(eq(mailOutbox.id, id))
      return { url: `/api/official/mail-queue/${id}/retry`, body: {} }
    },
    expect: adminOnly,
  },
  'POST /api/official/invitations': {
    prepare: async () => ({ url: '/api/official/invitations', body: { email: `uitgenodigd-${crypto.randomUUID()}@beverwijk.nl`, role: 'official' } }),
    expect: { ...adminOnly, adminA: 201 },
  },
  'POST /api/auth/password': {
    // A wrong current password: the route is reached (403 current_password_wrong) without changing anything.
    prepare: async () => ({ url: '/api/auth/password', body: { currentPassword: 'niet-het-wachtwoord', newPassword: 'blauwe giraf eet warme soep' } }),
    expect: { anonymous: 401, officialA: 403, officialB: 403, adminA: 403 },
  },
  'GET /api/official/audit/entries': { prepare: async () => ({ url: '/api/official/audit/entries?limit=5' }), expect: adminOnly },
  'GET /api/official/audit/export': { prepare: async () => ({ url: '/api/official/audit/export' }), expect: adminOnly },
  'POST /api/items/:id/feedback': {
    prepare: async () => ({ url: `/api/items/${await givenItem(t.db, t.clock.now)}/feedback`, body: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } }),
    expect: { ...officialOnly, officialA: 201, adminA: 201 },
  },
  'POST /api/items/:id/feedback/:feedbackId/correction': {
    prepare: async () => {
      const itemId = await givenItem(t.db, t.clock.now)
      const feedbackId = await publishFeedback(t.db, { itemId, officialId: crypto.randomUUID(), entry: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } }, t.clock.now)
      return { url: `/api/items/${itemId}/feedback/${feedbackId}/correction`, body: { outcome: 'adopted', summary: 'We doen wat jullie vroegen.' } }
    },
    expect: { ...officialOnly, officialA: 201, adminA: 201 },
  },
  'GET /api/official/accountability': { prepare: async () => ({ url: '/api/official/accountability' }), expect: { ...officialOnly, officialB: 200 } },
  'PUT /api/official/items/:id/table': {
    prepare: async () => ({ url: `/api/official/items/${await givenTable()}/table`, body: { assignment: anAssignment(t.clock.now) } }),
    expect: officialOnly,
  },
  'GET /api/official/items/:id/signups': { prepare: async () => ({ url: `/api/official/items/${await givenTable(true)}/signups` }), expect: officialOnly },
  'POST /api/official/items/:id/draw': {
    prepare: async () => {
      const id = await givenTable(true, { signupClosesAt: new Date(t.clock.now.getTime() - 1000).toISOString(), signupOpensAt: new Date(t.clock.now.getTime() - DAY).toISOString() })
      return { url: `/api/official/items/${id}/draw`, body: {} }
    },
    expect: officialOnly,
  },
  'POST /api/official/items/:id/advice': { prepare: async () => ({ url: `/api/official/items/${await givenTable(true)}/advice`, body: { text: 'Ons advies: één loket.' } }), expect: officialOnly },
  'GET /api/official/interests': { prepare: async () => ({ url: '/api/official/interests' }), expect: { ...officialOnly, officialB: 200 } },
  'POST /api/official/items/:id/invite-interested': { prepare: async () => ({ url: `/api/official/items/${await givenTable(true)}/invite-interested`, body: {} }), expect: officialOnly },
  'POST /api/official/items/:id/invite-network': { prepare: async () => ({ url: `/api/official/items/${await givenItem(t.db, t.clock.now)}/invite-network`, body: { themes: ['opgroeien'] } }), expect: officialOnly },
  // The whole network's contact details: admins only, never the council (its 403 is the default).
  'GET /api/official/network': { prepare: async () => ({ url: '/api/official/network' }), expect: adminOnly },
  'GET /api/official/network/export': { prepare: async () => ({ url: '/api/official/network/export' }), expect: adminOnly },
  'GET /api/official/vocabulary': { prepare: async () => ({ url: '/api/official/vocabulary' }), expect: { ...officialOnly, officialB: 200 } },
  'GET /api/official/municipality': { prepare: async () => ({ url: '/api/official/municipality' }), expect: adminOnly },
  'PUT /api/official/municipality': {
    prepare: async () => ({ url: '/api/official/municipality', body: { name: 'Beverwijk', areas: ['Centrum', 'Noord'], themes: ['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer'], settings: {} } }),
    expect: adminOnly,
  },
  'PUT /api/official/municipality/logo': {
    prepare: async () => ({ url: '/api/official/municipality/logo', body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>', contentType: 'image/svg+xml' }),
    expect: adminOnly,
  },
  'DELETE /api/official/municipality/logo': { prepare: async () => ({ url: '/api/official/municipality/logo' }), expect: adminOnly },
  // The second factor is each official's own: every signed-in caller reaches their own.
  'GET /api/auth/second-factor': { prepare: async () => ({ url: '/api/auth/second-factor' }), expect: { anonymous: 401, officialA: 200, officialB: 200, adminA: 200 } },
  // Before the enrolment case below: nobody has started one yet, so confirming has nothing to confirm.
  'POST /api/auth/second-factor/enrolment/confirm': {
    prepare: async () => ({ url: '/api/auth/second-factor/enrolment/confirm', body: { code: '000000' } }),
    expect: { anonymous: 401, officialA: 409, officialB: 409, adminA: 409 },
  },
  'POST /api/auth/second-factor/enrolment': { prepare: async () => ({ url: '/api/auth/second-factor/enrolment', body: {} }), expect: { anonymous: 401, officialA: 200, officialB: 200, adminA: 200 } },
  // Only a sign-in waiting for its code may send one; a complete session is refused.
  'POST /api/auth/second-factor/verify': { prepare: async () => ({ url: '/api/auth/second-factor/verify', body: { code: '000000' } }), expect: { anonymous: 401, officialA: 403, officialB: 403, adminA: 403 } },
  'GET /api/official/sign-in-settings': { prepare: async () => ({ url: '/api/official/sign-in-settings' }), expect: adminOnly },
  'PUT /api/official/sign-in-settings': {
    prepare: async () => ({ url: '/api/official/sign-in-settings', body: { passwordSignIn: true, requireSecondFactor: false, sso: null } }),
    expect: adminOnly,
  },
  // Signals: council members read published ones, comment and decide on meeting requests; they do not moderate or move them.
  'GET /api/official/signals': { prepare: async () => ({ url: '/api/official/signals?sort=support' }), expect: { ...officialOnly, officialB: 200 } },
  'GET /api/official/signals/:id': { prepare: async () => ({ url: `/api/official/signals/${(await givenPublishedSignal(t.app, t.clock.now)).id}` }), expect: officialOnly },
  'POST /api/official/signals/:id/moderation': {
    prepare: async () => ({ url: `/api/official/signals/${(await givenSignal(t.app, t.clock.now)).id}/moderation`, body: { action: 'publish' } }),
    expect: officialOnly,
  },
  'POST /api/official/signals/:id/redact': { prepare: async () => ({ url: `/api/official/signals/${(await givenSignal(t.app, t.clock.now)).id}/redact`, body: { field: 'body' } }), expect: officialOnly },
  'POST /api/official/signals/:id/status': {
    prepare: async () => ({ url: `/api/official/signals/${(await givenPublishedSignal(t.app, t.clock.now)).id}/status`, body: { status: 'considering' } }),
    expect: officialOnly,
  },
  'POST /api/official/signals/:id/response': {
    prepare: async () => ({ url: `/api/official/signals/${(await givenPublishedSignal(t.app, t.clock.now)).id}/response`, body: { status: 'answered', response: 'We leggen de tegels deze maand opnieuw.' } }),
    expect: officialOnly,
  },
  'POST /api/official/signals/:id/council-decision': {
    prepare: async () => {
      const meetingId = await givenSignalMeeting(t.db, t.clock.now)
      return { url: `/api/official/signals/${(await givenPublishedSignal(t.app, t.clock.now, { meetingId })).id}/council-decision`, body: { decision: 'on_agenda' } }
    },
    expect: officialOnly,
  },
  'POST /api/official/signals/:id/comments': {
    prepare: async () => ({ url: `/api/official/signals/${(await givenPublishedSignal(t.app, t.clock.now)).id}/comments`, body: { body: 'Dit speelt ook in Noord.' } }),
    expect: { ...officialOnly, officialA: 201, adminA: 201 },
  },
  // The participation agenda: officials and council draft (member), only officials publish.
  'GET /api/official/agendas/:year': { prepare: async () => ({ url: '/api/official/agendas/2030' }), expect: memberRead },
  'GET /api/official/agenda-entries': { prepare: async () => ({ url: '/api/official/agenda-entries' }), expect: memberRead },
  'PUT /api/official/agendas/:year': { prepare: async () => ({ url: '/api/official/agendas/2030', body: { intro: 'Dit staat er in 2030 op de agenda.' } }), expect: memberRead },
  'POST /api/official/agendas/:year/entries': {
    prepare: async () => ({ url: '/api/official/agendas/2030/entries', body: anEntryDraft }),
    expect: { anonymous: 401, officialA: 201, officialB: 201, adminA: 201 },
  },
  'PUT /api/official/agenda-entries/:id': { prepare: async () => ({ url: `/api/official/agenda-entries/${await givenAgendaEntry()}`, body: anEntryDraft }), expect: { ...officialOnly, councilA: 200 } },
  'DELETE /api/official/agenda-entries/:id': { prepare: async () => ({ url: `/api/official/agenda-entries/${await givenAgendaEntry()}` }), expect: { ...officialOnly, councilA: 200 } },
  'POST /api/official/agendas/:year/publish': {
    prepare: async () => {
      await givenAgendaEntry(2031)
      return { url: '/api/official/agendas/2031/publish', body: {} }
    },
    expect: officialOnly,
  },
  // Input on behalf of residents who are not online, and partner organisations: officials only.
  'POST /api/official/items/:id/on-behalf': {
    prepare: async () => ({
      url: `/api/official/items/${await givenItem(t.db, t.clock.now)}/on-behalf`,
      body: { entries: [{ id: crypto.randomUUID(), answeredAt: t.clock.now.toISOString(), answers: { q1: 'ja' }, channel: 'paper' }] },
    }),
    expect: officialOnly,
  },
  'GET /api/official/partners': { prepare: async () => ({ url: '/api/official/partners' }), expect: { ...officialOnly, officialB: 200 } },
  'POST /api/official/partners': {
    prepare: async () => ({ url: '/api/official/partners', body: { name: `Jongerenwerk ${crypto.randomUUID()}`, kind: 'youth_work' } }),
    expect: { ...officialOnly, officialA: 201, officialB: 201, adminA: 201 },
  },
  'PUT /api/official/partners/:id': { prepare: async () => ({ url: `/api/official/partners/${await givenPartner()}`, body: { name: `Wijkcentrum ${crypto.randomUUID()}`, kind: 'community_centre' } }), expect: officialOnly },
  'DELETE /api/official/partners/:id': { prepare: async () => ({ url: `/api/official/partners/${await givenPartner()}` }), expect: officialOnly },
  // The yearly evaluation: officials and council read their own municipality's figures.
  'GET /api/official/reports/participation': { prepare: async () => ({ url: '/api/official/reports/participation?from=2026-01-01&to=2026-12-31' }), expect: memberRead },
  'POST /api/auth/logout': { prepare: async () => ({ url: '/api/auth/logout', body: {} }), expect: { anonymous: 401, officialA: 200, officialB: 200, adminA: 200 } },
  // The participation council: members write and submit advice and approach proposals, officials answer; both read and plan meetings.
  'GET /api/official/advice': { prepare: async () => ({ url: '/api/official/advice' }), expect: { ...officialOnly, officialB: 200 } },
  'POST /api/official/advice': { prepare: async () => ({ url: '/api/official/advice', body: anAdviceDraft() }), expect: { ...councilOnly, councilA: 201 } },
  'PUT /api/official/advice/:id': {
    prepare: async () => ({ url: `/api/official/advice/${(await givenAdvice(t.db, 'beverwijk', t.clock.now)).id}`, body: anAdviceDraft({ title: 'Een betere titel' }) }),
    expect: councilOnly,
  },
  'POST /api/official/advice/:id/submit': { prepare: async () => ({ url: `/api/official/advice/${(await givenAdvice(t.db, 'beverwijk', t.clock.now)).id}/submit`, body: {} }), expect: councilOnly },
  'POST /api/official/advice/:id/response': {
    prepare: async () => {
      const { id, recommendationIds } = await givenAdvice(t.db, 'beverwijk', t.clock.now, { submitted: true })
      return { url: `/api/official/advice/${id}/response`, body: { summary: 'Wij nemen het advies over.', decisions: recommendationIds.map((recommendationId) => ({ recommendationId, decision: 'adopted' })) } }
    },
    expect: officialOnly,
  },
  'GET /api/official/agenda-entries/:id/approach-proposals': { prepare: async () => ({ url: `/api/official/agenda-entries/${await givenCouncilAgendaEntry(t.db, 'beverwijk')}/approach-proposals` }), expect: officialOnly },
  'POST /api/official/agenda-entries/:id/approach-proposals': {
    prepare: async () => ({ url: `/api/official/agenda-entries/${await givenCouncilAgendaEntry(t.db, 'beverwijk')}/approach-proposals`, body: { forms: ['table'], ladder: 'adviseren', reach: 'Jongeren via het jongerenwerk.' } }),
    expect: { ...councilOnly, councilA: 201 },
  },
  'GET /api/official/meetings': { prepare: async () => ({ url: '/api/official/meetings' }), expect: { ...officialOnly, officialB: 200 } },
  'POST /api/official/meetings': { prepare: async () => ({ url: '/api/official/meetings', body: aMeeting(t.clock.now) }), expect: { anonymous: 401, officialA: 201, officialB: 201, adminA: 201 } },
  'PUT /api/official/meetings/:id': { prepare: async () => ({ url: `/api/official/meetings/${await givenMeeting()}`, body: aMeeting(t.clock.now, { minutes: 'We spraken over de jeugd.' }) }), expect: officialOnly },
  'POST /api/official/meetings/:id/publish': { prepare: async () => ({ url: `/api/official/meetings/${await givenMeeting()}/publish`, body: {} }), expect: officialOnly },
}

/**
 * Public routes, device routes and the login route: open to everyone by design. Taken from the
 * shared route table, so a route declared there as `official` or `admin` needs a case above.
 */
const tableRoutes = allRoutes().map((r) => ({ key: `${r.method} ${API_PREFIX}${r.path}`, access: r.access }))
const PUBLIC = new Set(tableRoutes.filter((r) => r.access === 'public' || r.access === 'device').map((r) => r.key))

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'admin', 'admin@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
  // Regional items: a region official of IJmond at home in Heemskerk, and an official outside the region.
  await givenMunicipality(t.db, 'heemskerk', 'Heemskerk')
  await upsertMunicipality(t.db, { slug: 'westervoort', name: 'Westervoort' })
  await givenOfficial(t.db, 'heemskerk', 'official', 'regio@heemskerk.nl', 'ijmond')
  await givenOfficial(t.db, 'westervoort', 'official', 'w@westervoort.nl')
})
afterAll(async () => t.close())

async function session(caller: Exclude<Caller, 'anonymous'>): Promise<Session> {
  // Fresh sessions per call: logout ends the one it runs in.
  const email = { officialA: 'a@beverwijk.nl', adminA: 'admin@beverwijk.nl', officialB: 'b@velsen.nl', councilA: 'raad@beverwijk.nl' }[caller]
  sessions[caller] = await signIn(t.app, email)
  return sessions[caller]
}

describe('access to official routes', () => {
  it('every route the server serves is declared in the shared route table', () => {
    const declared = new Set(tableRoutes.map((r) => r.key))
    const served = t.app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`)
    expect(served.filter((r) => !declared.has(r))).toEqual([])
    expect([...declared].filter((r) => !served.includes(r))).toEqual([])
  })

  it('every official and admin route of the route table has an access case, and no case is a public route', () => {
    const guarded = tableRoutes.filter((r) => SIGNED_IN_ACCESS.includes(r.access)).map((r) => r.key)
    expect(guarded.filter((r) => !(r in cases))).toEqual([])
    expect(Object.keys(cases).filter((r) => PUBLIC.has(r))).toEqual([])
  })

  it('every non-public API route has an access case', () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`)
    const missing = routes.filter((r) => !PUBLIC.has(r) && !(r in cases))
    expect(missing).toEqual([])
  })

  const accessOf = new Map(tableRoutes.map((r) => [r.key, r.access]))
  function councilExpects(route: string, c: Case): number {
    if (c.expect.councilA !== undefined) return c.expect.councilA
    const access = accessOf.get(route)
    if (access === 'member') return c.expect.officialA
    if (access === 'official' || access === 'admin') return 403
    throw new Error(`${route} (${access}) must say what a council member gets`)
  }

  for (const [route, c] of Object.entries(cases)) {
    it(`${route}: anonymous 401, other municipality refused, own municipality allowed per role`, async () => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE'
      for (const caller of ['anonymous', 'officialA', 'officialB', 'adminA', 'councilA'] as const) {
        const { url, body, contentType } = await c.prepare()
        const headers = { ...(caller === 'anonymous' ? {} : (await session(caller)).headers), ...(contentType ? { 'content-type': contentType } : {}) }
        const res = await t.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object | string }) })
        const expected = caller === 'councilA' ? councilExpects(route, c) : c.expect[caller]
        expect(res.statusCode, `${caller} ${route}: ${res.body.slice(0, 200)}`).toBe(expected)
      }
    })
  }

  it('an official of another municipality cannot read, change or export an item, and it stays unchanged', async () => {
    const { itemId } = await itemWithAnswer()
    const b = await session('officialB')
    const before = (await t.app.inject({ method: 'GET', url: `/api/items/${itemId}` })).json() as Item
    const tries = [
      t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=json`, headers: b.headers }),
      t.app.inject({ method: 'PUT', url: `/api/official/items/${itemId}`, headers: b.headers, payload: { ...draft(), title: 'Gekaapt' } }),
      t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/close`, headers: b.headers, payload: {} }),
    ]
    for (const res of await Promise.all(tries)) expect(res.statusCode).toBe(404)
    const after = (await t.app.inject({ method: 'GET', url: `/api/items/${itemId}` })).json() as Item
    expect(after).toEqual(before)
    const list = (await t.app.inject({ method: 'GET', url: '/api/official/items', headers: b.headers })).json() as { items: Item[] }
    expect(list.items.some((i) => i.municipality !== 'velsen')).toBe(false)
  })
})

/**
 * Regional items (region IJmond, written by a region official at home in Heemskerk): the region
 * official manages them, an official of a member municipality (Beverwijk) only reads them, an
 * official outside the region (Westervoort) does not reach them.
 */
type RegionCaller = 'regionOfficial' | 'memberOfficial' | 'outsider'
const REGION_EMAILS: Record<RegionCaller, string> = { regionOfficial: 'regio@heemskerk.nl', memberOfficial: 'a@beverwijk.nl', outsider: 'w@westervoort.nl' }

async function regionalItem(overrides: Parameters<typeof givenItem>[2] = {}): Promise<string> {
  return givenItem(t.db, t.clock.now, { municipality: 'heemskerk', region: 'ijmond', ...overrides })
}

async function regionalItemWithAnswer(): Promise<{ itemId: string; submissionId: string }> {
  const itemId = await regionalItem()
  const s = aSubmission(itemId, { answers: { q1: 'ja', q4: 'Een tekst' }, answeredAt: t.clock.now.toISOString(), profile: { municipality: 'beverwijk' } })
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [s] } })
  expect(res.json().results[0].status).toBe('accepted')
  return { itemId, submissionId: s.id }
}

const manage = { regionOfficial: 200, memberOfficial: 403, outsider: 404 }
const read = { regionOfficial: 200, memberOfficial: 200, outsider: 404 }
const regionCases: Record<string, { method: 'GET' | 'POST' | 'PUT'; prepare(): Promise<{ url: string; body?: unknown }>; expect: Record<RegionCaller, number> }> = {
  'GET /api/official/items/:id': { method: 'GET', prepare: async () => ({ url: `/api/official/items/${await regionalItem()}` }), expect: read },
  'PUT /api/official/items/:id': { method: 'PUT', prepare: async () => ({ url: `/api/official/items/${await regionalItem()}`, body: draft() }), expect: manage },
  'POST /api/official/items/:id/publish': { method: 'POST', prepare: async () => ({ url: `/api/official/items/${await regionalItem({ publishedAt: null })}/publish`, body: {} }), expect: manage },
  'POST /api/official/items/:id/close': { method: 'POST', prepare: async () => ({ url: `/api/official/items/${await regionalItem()}/close`, body: {} }), expect: manage },
  'GET /api/official/items/:id/input': { method: 'GET', prepare: async () => ({ url: `/api/official/items/${(await regionalItemWithAnswer()).itemId}/input` }), expect: read },
  'GET /api/official/items/:id/answers': { method: 'GET', prepare: async () => ({ url: `/api/official/items/${(await regionalItemWithAnswer()).itemId}/answers` }), expect: read },
  'GET /api/official/items/:id/export': { method: 'GET', prepare: async () => ({ url: `/api/official/items/${(await regionalItemWithAnswer()).itemId}/export?format=csv` }), expect: read },
  'POST /api/official/items/:id/answers/:submissionId/hide': {
    method: 'POST',
    prepare: async () => {
      const { itemId, submissionId } = await regionalItemWithAnswer()
      return { url: `/api/official/items/${itemId}/answers/${submissionId}/hide`, body: { reason: 'off_topic' } }
    },
    expect: manage,
  },
  'POST /api/items/:id/feedback': {
    method: 'POST',
    prepare: async () => ({ url: `/api/items/${await regionalItem()}/feedback`, body: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } }),
    expect: { ...manage, regionOfficial: 201 },
  },
  'PUT /api/official/items/:id/table': {
    method: 'PUT',
    prepare: async () => ({ url: `/api/official/items/${await regionalItem({ kind: 'table', questions: [] })}/table`, body: { assignment: anAssignment(t.clock.now) } }),
    expect: manage,
  },
  'GET /api/official/items/:id/signups': {
    method: 'GET',
    prepare: async () => {
      const id = await regionalItem({ kind: 'table', questions: [] })
      await putAssignment(t.db, id, anAssignment(t.clock.now))
      return { url: `/api/official/items/${id}/signups` }
    },
    // Sign-ups carry contact details: not even read by officials outside the region's own.
    expect: manage,
  },
}

describe('access to regional items', () => {
  for (const [route, c] of Object.entries(regionCases)) {
    it(`${route}: the region official manages, a member municipality's official reads only, an official outside the region is refused`, async () => {
      for (const caller of ['regionOfficial', 'memberOfficial', 'outsider'] as const) {
        const { url, body } = await c.prepare()
        const headers = (await signIn(t.app, REGION_EMAILS[caller])).headers
        const res = await t.app.inject({ method: c.method, url, headers, ...(body === undefined ? {} : { payload: body as object }) })
        expect(res.statusCode, `${caller} ${route}: ${res.body.slice(0, 200)}`).toBe(c.expect[caller])
      }
    })
  }

  it('the list shows a regional item to the region official and the members\' officials (read-only for the latter), not outside the region', async () => {
    const id = await regionalItem()
    const listed = async (caller: RegionCaller) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/official/items', headers: (await signIn(t.app, REGION_EMAILS[caller])).headers })
      return (res.json() as { items: { id: string; readOnly?: boolean }[] }).items.find((i) => i.id === id)
    }
    expect(await listed('regionOfficial')).toMatchObject({ id })
    expect((await listed('regionOfficial'))?.readOnly).toBeUndefined()
    expect(await listed('memberOfficial')).toMatchObject({ id, readOnly: true })
    expect(await listed('outsider')).toBeUndefined()
  })
})
