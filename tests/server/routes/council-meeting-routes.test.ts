import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { like } from 'drizzle-orm'
import { auditLog, signals } from '../../../src/server/db/schema'
import { CouncilMeetingSchema, MeetingListSchema, PublicMeetingListSchema, type CouncilMeeting } from '../../../src/shared/schemas/council-meeting'
import { aMeeting } from '../../support/council'
import { givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

const DAY = 86_400_000
let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'official@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'official@velsen.nl')
})
afterAll(async () => t.close())

async function as(email: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { headers } = await signIn(t.app, email)
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}
async function planned(email: string, input = aMeeting(t.clock.now)): Promise<CouncilMeeting> {
  const res = await as(email, 'POST', '/api/official/meetings', input)
  expect(res.statusCode, res.body).toBe(201)
  return CouncilMeetingSchema.parse(res.json())
}
const publicList = async (slug = 'beverwijk') => PublicMeetingListSchema.parse((await t.app.inject({ url: `/api/municipalities/${slug}/meetings` })).json()).meetings

/** A resident's signal asking for a place on the agenda, as the signals helper stores it (with its private details). */
async function givenSignal(municipality: string, meetingId?: string): Promise<string> {
  const id = crypto.randomUUID()
  await t.db.insert(signals).values({ id, municipality, deviceKey: 'key-of-the-device', kind: 'proposal', title: 'Bankjes bij de bushalte', body: 'Mijn buurvrouw Truus de Vries (06-11223344) kan niet lang staan.', createdAt: t.clock.now, receivedAt: t.clock.now, responseDueAt: new Date(t.clock.now.getTime() + 42 * DAY), meetingId: meetingId ?? null, wantsContact: true })
  return id
}

describe('periodic meetings of the participation council', () => {
  it('council members and officials plan a meeting, edit its agenda and, afterwards, the minutes and agreements; it is public only once published', async () => {
    const meeting = await planned('raad@beverwijk.nl')
    expect(meeting).toMatchObject({ place: 'Stadhuis, zaal 2', upcoming: true, topics: [{ title: 'Het jeugdbeleid', fromResident: false, documents: [{ url: 'https://beverwijk.nl/stukken/jeugd.pdf' }] }] })
    expect(meeting.publishedAt).toBeUndefined()
    expect((await publicList()).some((m) => m.id === meeting.id)).toBe(false)

    const published = await as('official@beverwijk.nl', 'POST', `/api/official/meetings/${meeting.id}/publish`, {})
    expect(published.statusCode, published.body).toBe(200)
    const at = CouncilMeetingSchema.parse(published.json()).publishedAt
    expect(at).toBe(t.clock.now.toISOString())
    const again = await as('raad@beverwijk.nl', 'POST', `/api/official/meetings/${meeting.id}/publish`, {})
    expect(CouncilMeetingSchema.parse(again.json()).publishedAt, 'publishing again keeps the first date').toBe(at)

    const edited = await as('official@beverwijk.nl', 'PUT', `/api/official/meetings/${meeting.id}`, aMeeting(t.clock.now, {
      place: undefined,
      onlineUrl: 'https://meet.example.nl/participatieraad',
      topics: [{ title: 'Het jeugdbeleid', documents: [] }, { title: 'Wat ging er goed dit jaar?', documents: [{ title: 'Jaarverslag', url: 'https://beverwijk.nl/jaarverslag.pdf' }] }],
      minutes: 'We spraken over de jeugd en het jaarverslag.',
      agreements: 'De gemeente stuurt voor 1 juli een nieuw plan.',
    }))
    expect(edited.statusCode, edited.body).toBe(200)
    const shown = (await publicList()).find((m) => m.id === meeting.id)!
    expect(shown).toMatchObject({ onlineUrl: 'https://meet.example.nl/participatieraad', minutes: 'We spraken over de jeugd en het jaarverslag.', agreements: 'De gemeente stuurt voor 1 juli een nieuw plan.' })
    expect(shown.place).toBeUndefined()
    expect(shown.topics.map((x) => x.title)).toEqual(['Het jeugdbeleid', 'Wat ging er goed dit jaar?'])
    expect(shown.publishedAt).toBe(at)

    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, 'meeting.%'))
    expect(actions.map((a) => a.action).sort()).toEqual(['meeting.create', 'meeting.publish', 'meeting.update'])
  })

  it('publishes a meeting pressed twice at once one time, with one audit entry', async () => {
    const meeting = await planned('raad@beverwijk.nl')
    const { headers } = await signIn(t.app, 'official@beverwijk.nl')
    const both = await Promise.all([0, 1].map(() => t.app.inject({ method: 'POST', url: `/api/official/meetings/${meeting.id}/publish`, headers, payload: {} })))
    expect(both.map((r) => r.statusCode)).toEqual([200, 200])
    expect(new Set(both.map((r) => CouncilMeetingSchema.parse(r.json()).publishedAt)).size).toBe(1)
    const entries = await t.db.select({ details: auditLog.details }).from(auditLog).where(like(auditLog.action, 'meeting.publish'))
    expect(entries.filter((e) => (e.details as { meetingId?: string } | null)?.meetingId === meeting.id)).toHaveLength(1)
  })

  it('lists coming meetings first (soonest first), then past ones (latest first)', async () => {
    const at = (days: number) => new Date(t.clock.now.getTime() + days * DAY).toISOString()
    const ids: Record<string, string> = {}
    for (const [name, days] of [['past-far', -60], ['soon', 3], ['past-near', -5], ['later', 30]] as const) {
      const m = await planned('raad@beverwijk.nl', aMeeting(t.clock.now, { startsAt: at(days) }))
      await as('raad@beverwijk.nl', 'POST', `/api/official/meetings/${m.id}/publish`, {})
      ids[name] = m.id
    }
    const order = (await publicList()).map((m) => m.id).filter((id) => Object.values(ids).includes(id))
    expect(order).toEqual([ids.soon, ids.later, ids['past-near'], ids['past-far']])
    const flags = (await publicList()).filter((m) => Object.values(ids).includes(m.id)).map((m) => m.upcoming)
    expect(flags).toEqual([true, true, false, false])
  })

  it("says a topic came from a resident's request without showing the request or who made it", async () => {
    const meeting = await planned('raad@beverwijk.nl')
    const signalId = await givenSignal('beverwijk', meeting.id)
    const res = await as('raad@beverwijk.nl', 'PUT', `/api/official/meetings/${meeting.id}`, aMeeting(t.clock.now, { topics: [{ title: 'Bankjes bij de bushalte', documents: [], signalId }] }))
    expect(res.statusCode, res.body).toBe(200)
    const inBackOffice = MeetingListSchema.parse((await as('official@beverwijk.nl', 'GET', '/api/official/meetings')).json()).meetings.find((m) => m.id === meeting.id)!
    expect(inBackOffice.topics[0]).toMatchObject({ fromResident: true, signalId })
    await as('raad@beverwijk.nl', 'POST', `/api/official/meetings/${meeting.id}/publish`, {})
    const raw = (await t.app.inject({ url: '/api/municipalities/beverwijk/meetings' })).body
    const shown = (await publicList()).find((m) => m.id === meeting.id)!
    expect(shown.topics[0]).toEqual({ id: expect.any(String), title: 'Bankjes bij de bushalte', documents: [], fromResident: true })
    for (const secret of [signalId, 'Truus', '06-11223344', 'key-of-the-device']) expect(raw).not.toContain(secret)

    const foreign = await givenSignal('velsen')
    const refused = await as('raad@beverwijk.nl', 'PUT', `/api/official/meetings/${meeting.id}`, aMeeting(t.clock.now, { topics: [{ title: 'Niet van ons', documents: [], signalId: foreign }] }))
    expect(refused.statusCode).toBe(404)
  })

  it('refuses a meeting without place or link, links and documents that are not https, and another municipality\'s meeting', async () => {
    for (const bad of [
      aMeeting(t.clock.now, { place: undefined }),
      aMeeting(t.clock.now, { place: undefined, onlineUrl: 'http://meet.example.nl/x' }),
      aMeeting(t.clock.now, { topics: [{ title: 'Stukken', documents: [{ title: 'Notitie', url: 'javascript:alert(1)' }] }] }),
      aMeeting(t.clock.now, { topics: [{ title: 'Stukken', documents: [{ title: 'Notitie', url: 'http://beverwijk.nl/a.pdf' }] }] }),
      { ...aMeeting(t.clock.now), startsAt: 'morgen' },
    ]) {
      const res = await as('raad@beverwijk.nl', 'POST', '/api/official/meetings', bad)
      expect(res.statusCode, JSON.stringify(bad)).toBe(400)
    }
    const meeting = await planned('raad@beverwijk.nl')
    expect((await as('official@velsen.nl', 'PUT', `/api/official/meetings/${meeting.id}`, aMeeting(t.clock.now))).statusCode).toBe(404)
    expect((await as('official@velsen.nl', 'POST', `/api/official/meetings/${meeting.id}/publish`, {})).statusCode).toBe(404)
    const velsen = MeetingListSchema.parse((await as('official@velsen.nl', 'GET', '/api/official/meetings')).json()).meetings
    expect(velsen.some((m) => m.id === meeting.id)).toBe(false)
    expect((await t.app.inject({ url: '/api/municipalities/nergens/meetings' })).statusCode).toBe(404)
  })
})
