import type { FastifyInstance } from 'fastify'
import { and, eq, like } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Db } from '../../../src/server/db/client'
import { auditLog } from '../../../src/server/db/schema'
import { findMunicipalitySettings, saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { AccountabilitySchema } from '../../../src/shared/schemas/accountability'
import { AdviceListSchema, CouncilAdviceSchema, type CouncilAdvice } from '../../../src/shared/schemas/advice'
import { anAdviceDraft, givenAgendaEntry } from '../../support/council'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'

/*
 * The advice flow of the participation council, written once and run on PGlite
 * (advice-routes.test.ts) and PostgreSQL (advice-routes-postgres.test.ts).
 */

const DAY = 86_400_000

export interface World {
  app: FastifyInstance
  db: Db
  clock: { now: Date }
}

/** Beverwijk and Heemskerk each with an official and a council member; Velsen with an official. */
export async function givenCouncils(w: World): Promise<void> {
  await givenMunicipality(w.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(w.db, 'heemskerk', 'Heemskerk')
  await givenMunicipality(w.db, 'velsen', 'Velsen')
  await givenOfficial(w.db, 'beverwijk', 'official', 'official@beverwijk.nl')
  await givenOfficial(w.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(w.db, 'heemskerk', 'official', 'official@heemskerk.nl')
  await givenOfficial(w.db, 'heemskerk', 'council', 'raad@heemskerk.nl')
  await givenOfficial(w.db, 'velsen', 'official', 'official@velsen.nl')
}

/** Calls a route as the given person, signing in afresh (the clock moves by weeks in these tests). */
async function as(w: World, email: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { headers } = await signIn(w.app, email)
  return w.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}
const publicAdvice = async (w: World, slug: string) => AdviceListSchema.parse((await w.app.inject({ url: `/api/municipalities/${slug}/advice` })).json()).advice
const codeOf = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code

async function submitted(w: World, email: string, draft = anAdviceDraft()): Promise<CouncilAdvice> {
  const created = await as(w, email, 'POST', '/api/official/advice', draft)
  expect(created.statusCode, created.body).toBe(201)
  const res = await as(w, email, 'POST', `/api/official/advice/${CouncilAdviceSchema.parse(created.json()).id}/submit`, {})
  expect(res.statusCode, res.body).toBe(200)
  return CouncilAdviceSchema.parse(res.json())
}

export async function councilWritesUnaskedAdviceAndTheMunicipalityAnswersIt(w: World): Promise<void> {
  const created = await as(w, 'raad@beverwijk.nl', 'POST', '/api/official/advice', anAdviceDraft())
  expect(created.statusCode, created.body).toBe(201)
  const draft = CouncilAdviceSchema.parse(created.json())
  expect(draft).toMatchObject({ kind: 'unasked', overdue: false, recommendations: [{ position: 0 }, { position: 1 }] })
  expect(draft.submittedAt).toBeUndefined()

  // A draft is the council's own: not public, not in the officials' list.
  expect((await publicAdvice(w, 'beverwijk')).some((a) => a.id === draft.id)).toBe(false)
  const officials = AdviceListSchema.parse((await as(w, 'official@beverwijk.nl', 'GET', '/api/official/advice')).json()).advice
  expect(officials.some((a) => a.id === draft.id)).toBe(false)

  const edited = await as(w, 'raad@beverwijk.nl', 'PUT', `/api/official/advice/${draft.id}`, anAdviceDraft({ recommendations: ['Een', 'Twee adviezen', 'Drie adviezen'].map((r) => `${r}: doe het samen met inwoners.`) }))
  expect(edited.statusCode, edited.body).toBe(200)
  expect(CouncilAdviceSchema.parse(edited.json()).recommendations).toHaveLength(3)

  const submittedAt = w.clock.now
  const sent = await as(w, 'raad@beverwijk.nl', 'POST', `/api/official/advice/${draft.id}/submit`, {})
  expect(sent.statusCode, sent.body).toBe(200)
  const advice = CouncilAdviceSchema.parse(sent.json())
  expect(advice.submittedAt).toBe(submittedAt.toISOString())
  expect(advice.responseDueAt).toBe(new Date(submittedAt.getTime() + 42 * DAY).toISOString())

  const again = await as(w, 'raad@beverwijk.nl', 'PUT', `/api/official/advice/${draft.id}`, anAdviceDraft())
  expect([again.statusCode, codeOf(again)]).toEqual([409, 'advice_not_draft'])
  expect((await publicAdvice(w, 'beverwijk')).find((a) => a.id === draft.id)).toMatchObject({ title: anAdviceDraft().title, responseDueAt: advice.responseDueAt })

  const [first, second, third] = advice.recommendations.map((r) => r.id)
  const respond = (decisions: object[]) => as(w, 'official@beverwijk.nl', 'POST', `/api/official/advice/${draft.id}/response`, { summary: 'Dank voor dit advies. Wij doen er dit mee.', decisions })

  const incomplete = await respond([{ recommendationId: first, decision: 'adopted' }])
  expect([incomplete.statusCode, codeOf(incomplete)]).toEqual([409, 'advice_response_incomplete'])
  const foreign = await respond([{ recommendationId: first, decision: 'adopted' }, { recommendationId: second, decision: 'adopted' }, { recommendationId: crypto.randomUUID(), decision: 'adopted' }])
  expect([foreign.statusCode, codeOf(foreign)]).toEqual([409, 'advice_response_incomplete'])
  const noWhy = await respond([{ recommendationId: first, decision: 'adopted' }, { recommendationId: second, decision: 'not_adopted' }, { recommendationId: third, decision: 'partly_adopted', explanation: 'Alleen in het centrum.' }])
  expect(noWhy.statusCode, noWhy.body).toBe(400)
  // Nothing of the refused answers was kept.
  expect((await publicAdvice(w, 'beverwijk')).find((a) => a.id === draft.id)?.recommendations.every((r) => r.decision === undefined)).toBe(true)

  const answered = await respond([
    { recommendationId: first, decision: 'adopted' },
    { recommendationId: second, decision: 'not_adopted', explanation: 'Daar is dit jaar geen geld voor.' },
    { recommendationId: third, decision: 'partly_adopted', explanation: 'Alleen in het centrum.' },
  ])
  expect(answered.statusCode, answered.body).toBe(200)
  const shown = (await publicAdvice(w, 'beverwijk')).find((a) => a.id === draft.id)!
  expect(shown.responseSummary).toBe('Dank voor dit advies. Wij doen er dit mee.')
  expect(shown.respondedAt).toBe(w.clock.now.toISOString())
  expect(shown.recommendations.map((r) => [r.decision, r.explanation])).toEqual([['adopted', undefined], ['not_adopted', 'Daar is dit jaar geen geld voor.'], ['partly_adopted', 'Alleen in het centrum.']])

  const twice = await respond([{ recommendationId: first, decision: 'adopted' }, { recommendationId: second, decision: 'adopted' }, { recommendationId: third, decision: 'adopted' }])
  expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'advice_not_awaiting_response'])

  const actions = await w.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.municipality, 'beverwijk'), like(auditLog.action, 'advice.%')))
  expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['advice.create', 'advice.update', 'advice.submit', 'advice.respond']))
}

export async function adviceIsDueAfterTheMunicipalitysPeriodAndOverdueAfterThat(w: World): Promise<void> {
  const settings = (await findMunicipalitySettings(w.db, 'heemskerk'))!
  await saveMunicipalitySettings(w.db, 'heemskerk', { ...settings, adviceResponseDays: 10 })
  const start = w.clock.now
  const advice = await submitted(w, 'raad@heemskerk.nl')
  expect(advice.responseDueAt).toBe(new Date(start.getTime() + 10 * DAY).toISOString())

  const overdueList = async () => AccountabilitySchema.parse((await as(w, 'official@heemskerk.nl', 'GET', '/api/official/accountability')).json()).overdueAdvice
  expect(await overdueList()).toEqual([])
  w.clock.now = new Date(start.getTime() + 10 * DAY)
  expect(await overdueList(), 'due today is not late yet').toEqual([])

  w.clock.now = new Date(start.getTime() + 11 * DAY)
  expect(await overdueList()).toEqual([{ id: advice.id, title: advice.title, submittedAt: advice.submittedAt, responseDueAt: advice.responseDueAt }])
  // The council sees the same list; another municipality's does not.
  const forCouncil = AccountabilitySchema.parse((await as(w, 'raad@heemskerk.nl', 'GET', '/api/official/accountability')).json())
  expect(forCouncil.overdueAdvice.map((a) => a.id)).toEqual([advice.id])
  const forVelsen = AccountabilitySchema.parse((await as(w, 'official@velsen.nl', 'GET', '/api/official/accountability')).json())
  expect(forVelsen.overdueAdvice).toEqual([])
  expect((await publicAdvice(w, 'heemskerk')).find((a) => a.id === advice.id)?.overdue).toBe(true)

  const res = await as(w, 'official@heemskerk.nl', 'POST', `/api/official/advice/${advice.id}/response`, {
    summary: 'Sorry dat het later is. Wij nemen alles over.',
    decisions: advice.recommendations.map((r) => ({ recommendationId: r.id, decision: 'adopted' })),
  })
  expect(res.statusCode, res.body).toBe(200)
  expect(await overdueList()).toEqual([])
  expect((await publicAdvice(w, 'heemskerk')).find((a) => a.id === advice.id)?.overdue).toBe(false)
}

export async function askedAdviceIsAboutAnItemOrAgendaEntryOfTheCouncilsOwnMunicipality(w: World): Promise<void> {
  const itemId = await givenItem(w.db, w.clock.now, { municipality: 'beverwijk', title: 'Speeltuin Noord' })
  const onItem = await submitted(w, 'raad@beverwijk.nl', anAdviceDraft({ kind: 'asked', itemId }))
  expect(onItem).toMatchObject({ kind: 'asked', itemId, subjectTitle: 'Speeltuin Noord' })

  const entryId = await givenAgendaEntry(w.db, 'beverwijk')
  const onEntry = await as(w, 'raad@beverwijk.nl', 'POST', '/api/official/advice', anAdviceDraft({ kind: 'asked', agendaEntryId: entryId }))
  expect(onEntry.statusCode, onEntry.body).toBe(201)
  expect(CouncilAdviceSchema.parse(onEntry.json())).toMatchObject({ agendaEntryId: entryId, subjectTitle: 'Nieuw beleid voor de jeugd' })

  const otherItem = await givenItem(w.db, w.clock.now, { municipality: 'velsen' })
  const otherEntry = await givenAgendaEntry(w.db, 'velsen')
  for (const draft of [anAdviceDraft({ kind: 'asked', itemId: otherItem }), anAdviceDraft({ kind: 'asked', agendaEntryId: otherEntry })]) {
    expect((await as(w, 'raad@beverwijk.nl', 'POST', '/api/official/advice', draft)).statusCode).toBe(404)
  }
  for (const draft of [anAdviceDraft({ kind: 'asked' }), anAdviceDraft({ kind: 'unasked', itemId }), anAdviceDraft({ recommendations: [] }), anAdviceDraft({ recommendations: Array.from({ length: 21 }, (_, i) => `Advies nummer ${i}`) })]) {
    expect((await as(w, 'raad@beverwijk.nl', 'POST', '/api/official/advice', draft)).statusCode).toBe(400)
  }
  // Advice of another municipality answers like a missing one.
  expect((await as(w, 'raad@heemskerk.nl', 'POST', `/api/official/advice/${onItem.id}/submit`, {})).statusCode).toBe(404)
  expect((await as(w, 'official@velsen.nl', 'POST', `/api/official/advice/${onItem.id}/response`, { summary: 'Niet van ons, dus niet.', decisions: onItem.recommendations.map((r) => ({ recommendationId: r.id, decision: 'adopted' })) })).statusCode).toBe(404)
}

export async function theCouncilProposesAnApproachForAnAgendaEntryThatOfficialsRead(w: World): Promise<void> {
  const entryId = await givenAgendaEntry(w.db, 'beverwijk')
  const url = `/api/official/agenda-entries/${entryId}/approach-proposals`
  const proposal = { forms: ['table', 'meeting'], ladder: 'coproduceren', reach: 'Jongeren van 12 tot 18, via school en jongerenwerk.' }
  const res = await as(w, 'raad@beverwijk.nl', 'POST', url, proposal)
  expect(res.statusCode, res.body).toBe(201)
  const read = (await as(w, 'official@beverwijk.nl', 'GET', url)).json() as { proposals: unknown[] }
  expect(read.proposals).toEqual([expect.objectContaining({ ...proposal, agendaEntryId: entryId })])
  for (const bad of [{ ...proposal, forms: ['webinar'] }, { ...proposal, forms: [] }, { ...proposal, ladder: 'bepalen' }, { ...proposal, forms: ['poll', 'poll'] }]) {
    expect((await as(w, 'raad@beverwijk.nl', 'POST', url, bad)).statusCode).toBe(400)
  }
  expect((await as(w, 'raad@heemskerk.nl', 'POST', url, proposal)).statusCode).toBe(404)
  expect((await as(w, 'official@velsen.nl', 'GET', url)).statusCode).toBe(404)
}
