import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, items, signals } from '../../../src/server/db/schema'
import { OfficialAgendaSchema, PublicAgendaAnswerSchema, type AgendaEntryDraftInput } from '../../../src/shared/schemas/participation-agenda'
import { anItemDraft, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
let official: Session
let council: Session
let otherOfficial: Session
const DAY = 86_400_000

const entry = (overrides: Partial<AgendaEntryDraftInput> = {}): AgendaEntryDraftInput => ({
  title: 'Nieuw speelbeleid',
  summary: 'We kijken waar kinderen willen spelen.',
  theme: 'opgroeien',
  phase: 'beleidsvorming',
  ladder: 'adviseren',
  forms: ['poll', 'table'],
  plannedQuarter: 2,
  ...overrides,
})

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
  official = await signIn(t.app, 'a@beverwijk.nl')
  council = await signIn(t.app, 'raad@beverwijk.nl')
  otherOfficial = await signIn(t.app, 'b@velsen.nl')
})
afterEach(async () => t.close())

const as = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) })
const publicAgenda = async (year: number, slug = 'beverwijk') => PublicAgendaAnswerSchema.parse((await t.app.inject({ method: 'GET', url: `/api/municipalities/${slug}/agenda?year=${year}` })).json()).agenda

describe('drafting and publishing the participation agenda', () => {
  it('lets a council member draft topics but not publish; an official publishes, and only then residents see it', async () => {
    const intro = await as(council, 'PUT', '/api/official/agendas/2027', { intro: 'Dit komt er in 2027 aan.' })
    expect(intro.statusCode).toBe(200)
    const added = await as(council, 'POST', '/api/official/agendas/2027/entries', entry())
    expect(added.statusCode).toBe(201)
    const second = await as(official, 'POST', '/api/official/agendas/2027/entries', entry({ title: 'Groen in de wijk', plannedQuarter: 1, forms: ['meeting'] }))
    expect(second.statusCode).toBe(201)

    expect(await publicAgenda(2027)).toBeNull()
    const refused = await as(council, 'POST', '/api/official/agendas/2027/publish', {})
    expect(refused.statusCode).toBe(403)
    expect(await publicAgenda(2027)).toBeNull()

    const published = await as(official, 'POST', '/api/official/agendas/2027/publish', {})
    expect(published.statusCode).toBe(200)
    expect(OfficialAgendaSchema.parse(published.json()).publishedAt).toBe(t.clock.now.toISOString())
    const seen = await publicAgenda(2027)
    expect(seen?.intro).toBe('Dit komt er in 2027 aan.')
    // By planned quarter: Q1 before Q2.
    expect(seen?.entries.map((e) => [e.title, e.plannedQuarter, e.forms])).toEqual([
      ['Groen in de wijk', 1, ['meeting']],
      ['Nieuw speelbeleid', 2, ['poll', 'table']],
    ])
    // Another municipality's residents and years see nothing of it.
    expect(await publicAgenda(2027, 'velsen')).toBeNull()
    expect(await publicAgenda(2028)).toBeNull()
  })

  it('keeps each municipality to its own agenda: another municipality cannot change or remove an entry', async () => {
    const id = (await as(official, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    expect((await as(otherOfficial, 'PUT', `/api/official/agenda-entries/${id}`, entry({ title: 'Gekaapt' }))).statusCode).toBe(404)
    expect((await as(otherOfficial, 'DELETE', `/api/official/agenda-entries/${id}`)).statusCode).toBe(404)
    const velsen = OfficialAgendaSchema.parse((await as(otherOfficial, 'GET', '/api/official/agendas/2027')).json())
    expect(velsen).toEqual({ year: 2027, id: null, intro: null, publishedAt: null, entries: [], themes: expect.arrayContaining(['opgroeien']) })
  })

  it('refuses to publish an empty agenda and a theme outside the municipality\'s list', async () => {
    await as(official, 'PUT', '/api/official/agendas/2027', { intro: null })
    const empty = await as(official, 'POST', '/api/official/agendas/2027/publish', {})
    expect(empty.statusCode).toBe(409)
    expect(empty.json().error.code).toBe('agenda_empty')
    const theme = await as(official, 'POST', '/api/official/agendas/2027/entries', entry({ theme: 'ruimtevaart' }))
    expect(theme.statusCode).toBe(409)
    expect(theme.json().error.code).toBe('theme_not_in_vocabulary')
    const bad = await as(official, 'POST', '/api/official/agendas/2027/entries', entry({ plannedQuarter: 5, forms: ['poll', 'poll'] }))
    expect(bad.statusCode).toBe(400)
  })

  it('changes an entry\'s status and outcome, and audits every change without its texts', async () => {
    const id = (await as(council, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    const changed = await as(official, 'PUT', `/api/official/agenda-entries/${id}`, entry({ status: 'done', outcome: 'Er komen drie nieuwe speelplekken.' }))
    expect(changed.json()).toMatchObject({ status: 'done', outcome: 'Er komen drie nieuwe speelplekken.' })
    const audit = await t.db.select().from(auditLog)
    const actions = audit.map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['agenda.entry.create', 'agenda.entry.update']))
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('speelplekken')
  })
})

describe('items and signals linked to an agenda entry', () => {
  it('shows published linked items and the count of published linked signals; drafts and pending signals stay out', async () => {
    const id = (await as(official, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    await as(official, 'POST', '/api/official/agendas/2027/publish', {})
    const open = await givenItem(t.db, t.clock.now, { title: 'Peiling speelplekken', agendaEntryId: id })
    await givenItem(t.db, t.clock.now, { title: 'Concept', agendaEntryId: id, publishedAt: null })
    const signal = (moderation: 'pending' | 'published' | 'hidden') => ({
      id: crypto.randomUUID(), municipality: 'beverwijk', deviceKey: crypto.randomUUID(), kind: 'proposal' as const, title: 'Een speeltuin', body: 'Graag een speeltuin bij de school.',
      createdAt: t.clock.now, receivedAt: t.clock.now, responseDueAt: new Date(t.clock.now.getTime() + 42 * DAY), agendaEntryId: id, moderation,
    })
    await t.db.insert(signals).values([signal('published'), signal('published'), signal('pending'), signal('hidden')])

    const [shown] = (await publicAgenda(2027))!.entries
    expect(shown?.items).toEqual([{ id: open, title: 'Peiling speelplekken', kind: 'poll', status: 'open' }])
    expect(shown?.signalCount).toBe(2)
  })

  it('links an item to an entry of its own municipality only, and shows the link on the item', async () => {
    const own = (await as(official, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    const theirs = (await as(otherOfficial, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    const refused = await as(official, 'POST', '/api/official/items', anItemDraft(t.clock.now, { agendaEntryId: theirs }))
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('agenda_entry_unknown')

    const created = await as(official, 'POST', '/api/official/items', anItemDraft(t.clock.now, { agendaEntryId: own }))
    expect(created.statusCode).toBe(201)
    const itemId = created.json().id as string
    expect(created.json().agendaEntryId).toBe(own)
    // Saving without the field keeps the link; null removes it.
    const kept = await as(official, 'PUT', `/api/official/items/${itemId}`, anItemDraft(t.clock.now, { title: 'Andere titel' }))
    expect(kept.json().agendaEntryId).toBe(own)
    await as(official, 'POST', `/api/official/items/${itemId}/publish`, {})
    const resident = await t.app.inject({ method: 'GET', url: `/api/items/${itemId}` })
    expect(resident.json().agendaEntryId).toBe(own)
    const unlinked = await as(official, 'PUT', `/api/official/items/${itemId}`, anItemDraft(t.clock.now, { agendaEntryId: null }))
    expect(unlinked.json().agendaEntryId).toBeUndefined()
  })

  it('removing an entry keeps its items, without the link', async () => {
    const id = (await as(official, 'POST', '/api/official/agendas/2027/entries', entry())).json().id as string
    const itemId = await givenItem(t.db, t.clock.now, { agendaEntryId: id })
    expect((await as(council, 'DELETE', `/api/official/agenda-entries/${id}`)).statusCode).toBe(200)
    const [row] = await t.db.select().from(items).where(eq(items.id, itemId))
    expect(row?.agendaEntryId).toBeNull()
  })
})
