import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { allDeviceKeys } from '../../../src/server/auth/device-keys'
import { queryRows, type Db } from '../../../src/server/db/client'
import { agendaEntries, contacts, councilMeetings, municipalities, participationAgendas, signals, signalSupports } from '../../../src/server/db/schema'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { ErasureSchema, MyDataSchema } from '../../../src/shared/schemas/my-data'
import { SIGNAL_CONTACT_CONSENT_VERSION, SIGNAL_CONTACT_PURPOSE, SignalListSchema, type SignalSubmission } from '../../../src/shared/schemas/signal'
import { givenMunicipality, newDeviceId } from '../../support/factories'

const DAY = 86_400_000

/** An app on a fresh database (embedded or PostgreSQL) with a clock the test moves. */
export interface SignalWorld {
  app: FastifyInstance
  db: Db
  clock: { now: Date; advance(ms: number): void }
  deviceKeySecret: string
}

export function aSignal(overrides: Partial<SignalSubmission> = {}): SignalSubmission {
  return {
    id: crypto.randomUUID(),
    municipality: 'beverwijk',
    deviceId: newDeviceId(),
    createdAt: '2026-06-01T11:00:00.000Z',
    kind: 'signal',
    title: 'Stoep bij de bibliotheek is te smal voor een rolstoel',
    body: 'Met mijn rolstoel kan ik niet langs de fietsen die op de stoep staan.',
    theme: 'meedoen',
    area: 'Centrum',
    ...overrides,
  }
}

const post = (w: SignalWorld, list: SignalSubmission[]) => w.app.inject({ method: 'POST', url: '/api/signals', payload: { signals: list } })
const results = async (w: SignalWorld, list: SignalSubmission[]) => {
  const res = await post(w, list)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { results: { id: string; status: string; reason?: string }[] }).results
}
const support = (w: SignalWorld, id: string, deviceId: string | null) =>
  w.app.inject({ method: 'POST', url: `/api/signals/${id}/support`, payload: {}, headers: deviceId === null ? {} : { authorization: deviceAuthorization(deviceId) } })
const rowCount = async (w: SignalWorld, id: string) => (await w.db.select({ id: signals.id }).from(signals).where(eq(signals.id, id))).length
const publish = (w: SignalWorld, id: string) => w.db.update(signals).set({ moderation: 'published' }).where(eq(signals.id, id))
const supportCount = async (w: SignalWorld, id: string) => (await w.db.select({ n: signals.supportCount }).from(signals).where(eq(signals.id, id)))[0]?.n

export async function givenSignalWorld(w: SignalWorld): Promise<void> {
  await givenMunicipality(w.db)
  await givenMunicipality(w.db, 'heemskerk', 'Heemskerk')
}

/** A published signal of Beverwijk, raised by `deviceId` (a new device unless given). */
export async function givenPublishedSignal(w: SignalWorld, overrides: Partial<SignalSubmission> = {}): Promise<string> {
  const s = aSignal(overrides)
  expect((await results(w, [s]))[0]?.status).toBe('accepted')
  await publish(w, s.id)
  return s.id
}

export async function checkExactlyOnceUnderReplays(w: SignalWorld): Promise<void> {
  const s = aSignal()
  const other = aSignal()
  const batch = [s, other]
  const answers = await Promise.all(Array.from({ length: 20 }, () => results(w, batch)))
  for (const id of [s.id, other.id]) {
    const statuses = answers.map((r) => r.find((x) => x.id === id)?.status)
    expect(statuses.filter((x) => x === 'accepted')).toHaveLength(1)
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(19)
    expect(await rowCount(w, id)).toBe(1)
  }
  // A replay later, in another batch, is a duplicate too.
  expect(await results(w, [s])).toEqual([{ id: s.id, status: 'duplicate' }])
  // The same id twice in one batch is stored once.
  const twice = aSignal()
  expect(await results(w, [twice, twice])).toEqual([{ id: twice.id, status: 'accepted' }, { id: twice.id, status: 'duplicate' }])
  expect(await rowCount(w, twice.id)).toBe(1)
}

export async function checkBadSignalDoesNotFailOthers(w: SignalWorld): Promise<void> {
  const good1 = aSignal()
  const badTheme = aSignal({ theme: 'sport' })
  const badMunicipality = aSignal({ municipality: 'atlantis' })
  const good2 = aSignal({ kind: 'proposal', theme: undefined, area: undefined })
  expect(await results(w, [good1, badTheme, badMunicipality, good2])).toEqual([
    { id: good1.id, status: 'accepted' },
    { id: badTheme.id, status: 'rejected', reason: 'theme_not_in_vocabulary' },
    { id: badMunicipality.id, status: 'rejected', reason: 'municipality_unknown' },
    { id: good2.id, status: 'accepted' },
  ])
  expect(await rowCount(w, good1.id)).toBe(1)
  expect(await rowCount(w, good2.id)).toBe(1)
  expect(await rowCount(w, badTheme.id)).toBe(0)
  // Malformed input is refused as a whole with 400, and stores nothing.
  const tooLong = aSignal({ title: 'x'.repeat(121) })
  const nul = aSignal({ body: 'tekst met \u0000 erin' })
  for (const bad of [tooLong, nul]) {
    const res = await post(w, [bad])
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
    expect(await rowCount(w, bad.id)).toBe(0)
  }
  const many = await post(w, Array.from({ length: 101 }, () => aSignal()))
  expect(many.statusCode).toBe(413)
  expect(many.json().error.code).toBe('payload_too_large')
}

export async function checkVocabularyLinksAndDueDate(w: SignalWorld): Promise<void> {
  const now = w.clock.now
  // Theme and area in another case are the municipality's own words, stored as it spells them.
  const cased = aSignal({ theme: 'MEEDOEN', area: 'noord' })
  const badArea = aSignal({ area: 'Wijk aan Zee' })
  expect(await results(w, [cased, badArea])).toEqual([{ id: cased.id, status: 'accepted' }, { id: badArea.id, status: 'rejected', reason: 'area_not_in_vocabulary' }])
  const [row] = await w.db.select().from(signals).where(eq(signals.id, cased.id))
  expect(row).toMatchObject({ theme: 'meedoen', area: 'Noord', moderation: 'pending', status: 'received', supportCount: 0, wantsContact: false })
  // The promise: received + the municipality's response period (default 42 days).
  expect(row!.responseDueAt.getTime()).toBe(now.getTime() + 42 * DAY)
  await w.db.update(municipalities).set({ settings: sql`jsonb_set(settings, '{signalResponseDays}', '14')` }).where(eq(municipalities.slug, 'beverwijk'))
  const shorter = aSignal()
  await results(w, [shorter])
  expect((await w.db.select().from(signals).where(eq(signals.id, shorter.id)))[0]!.responseDueAt.getTime()).toBe(now.getTime() + 14 * DAY)
  // A device clock ahead of the server's is capped.
  const future = aSignal({ createdAt: new Date(now.getTime() + 3 * DAY).toISOString() })
  await results(w, [future])
  expect((await w.db.select().from(signals).where(eq(signals.id, future.id)))[0]!.createdAt.getTime()).toBe(now.getTime())

  const [upcoming] = await w.db.insert(councilMeetings).values({ municipality: 'beverwijk', startsAt: new Date(now.getTime() + 10 * DAY), place: 'Stadhuis', publishedAt: now }).returning()
  const [past] = await w.db.insert(councilMeetings).values({ municipality: 'beverwijk', startsAt: new Date(now.getTime() - DAY), publishedAt: now }).returning()
  const [elsewhere] = await w.db.insert(councilMeetings).values({ municipality: 'heemskerk', startsAt: new Date(now.getTime() + 10 * DAY), publishedAt: now }).returning()
  const [agenda] = await w.db.insert(participationAgendas).values({ municipality: 'beverwijk', year: 2027, publishedAt: now }).returning()
  const [draft] = await w.db.insert(participationAgendas).values({ municipality: 'beverwijk', year: 2028 }).returning()
  const [otherAgenda] = await w.db.insert(participationAgendas).values({ municipality: 'heemskerk', year: 2027, publishedAt: now }).returning()
  const entry = (agendaId: string, municipality: string) => ({ agendaId, municipality, title: 'Nieuw beleid jeugd', summary: 'Wat we gaan doen', theme: 'opgroeien', phase: 'agenda' as const, ladder: 'raadplegen' as const, plannedQuarter: 2 })
  const [ownEntry] = await w.db.insert(agendaEntries).values(entry(agenda!.id, 'beverwijk')).returning()
  const [foreignEntry] = await w.db.insert(agendaEntries).values(entry(otherAgenda!.id, 'heemskerk')).returning()

  const cases: [Partial<SignalSubmission>, string, string?][] = [
    [{ meetingId: upcoming!.id }, 'accepted'],
    [{ meetingId: past!.id }, 'rejected', 'meeting_unknown'],
    [{ meetingId: elsewhere!.id }, 'rejected', 'meeting_unknown'],
    [{ meetingId: crypto.randomUUID() }, 'rejected', 'meeting_unknown'],
    [{ agendaId: agenda!.id }, 'accepted'],
    [{ agendaId: draft!.id }, 'rejected', 'agenda_unknown'],
    [{ agendaId: otherAgenda!.id }, 'rejected', 'agenda_unknown'],
    [{ agendaId: agenda!.id, agendaEntryId: ownEntry!.id }, 'accepted'],
    [{ agendaEntryId: ownEntry!.id }, 'accepted'],
    [{ agendaId: agenda!.id, agendaEntryId: foreignEntry!.id }, 'rejected', 'agenda_entry_unknown'],
    [{ agendaEntryId: foreignEntry!.id }, 'rejected', 'agenda_entry_unknown'],
  ]
  const list = cases.map(([links]) => aSignal(links))
  const answer = await results(w, list)
  cases.forEach(([links, status, reason], i) => expect(answer[i], JSON.stringify(links)).toEqual({ id: list[i]!.id, status, ...(reason ? { reason } : {}) }))
  // An entry alone names its agenda.
  const entryOnly = list[8]!
  expect((await w.db.select().from(signals).where(eq(signals.id, entryOnly.id)))[0]).toMatchObject({ agendaId: agenda!.id, agendaEntryId: ownEntry!.id })
  expect((await w.db.select().from(signals).where(eq(signals.id, list[0]!.id)))[0]).toMatchObject({ meetingId: upcoming!.id })
}

export async function checkContactKeptApart(w: SignalWorld): Promise<void> {
  const email = `anna-${crypto.randomUUID().slice(0, 6)}@example.nl`
  const s = aSignal({ contact: { channel: 'email', value: email, name: 'Anna de Vries', consentVersion: SIGNAL_CONTACT_CONSENT_VERSION } })
  const outdated = aSignal({ contact: { channel: 'phone', value: '06 12345678', name: 'Piet', consentVersion: 'old' } })
  expect(await results(w, [s, outdated])).toEqual([{ id: s.id, status: 'accepted' }, { id: outdated.id, status: 'rejected', reason: 'consent_outdated' }])
  const [stored] = await w.db.select().from(contacts).where(and(eq(contacts.ownerKind, 'signal'), eq(contacts.ownerId, s.id)))
  expect(stored).toMatchObject({ name: 'Anna de Vries', channel: 'email', value: email, purpose: SIGNAL_CONTACT_PURPOSE, consentVersion: SIGNAL_CONTACT_CONSENT_VERSION })
  const [row] = await w.db.select().from(signals).where(eq(signals.id, s.id))
  expect(row!.wantsContact).toBe(true)
  expect(JSON.stringify(row)).not.toContain(email)
  expect(JSON.stringify(row)).not.toContain('Anna')
  await publish(w, s.id)
  const listed = await w.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/signals?limit=100' })
  expect(listed.body).toContain(s.id)
  expect(listed.body).not.toContain(email)
  expect(listed.body).not.toContain('Anna de Vries')
  expect(listed.body).not.toContain('wantsContact')
}

export async function checkPublicList(w: SignalWorld): Promise<void> {
  const pending = aSignal({ title: 'Nog niet bekeken signaal' })
  await results(w, [pending])
  const older = await givenPublishedSignal(w, { createdAt: new Date(w.clock.now.getTime() - 2 * DAY).toISOString(), title: 'Ouder signaal' })
  const newer = await givenPublishedSignal(w, { createdAt: new Date(w.clock.now.getTime() - DAY).toISOString(), title: 'Nieuwer signaal' })
  const heemskerk = aSignal({ municipality: 'heemskerk', theme: undefined, area: undefined })
  await results(w, [heemskerk])
  await publish(w, heemskerk.id)
  expect((await support(w, older, newDeviceId())).statusCode).toBe(200)

  const page = async (query: string) => {
    const res = await w.app.inject({ method: 'GET', url: `/api/municipalities/beverwijk/signals${query}` })
    expect(res.statusCode, res.body).toBe(200)
    return SignalListSchema.parse(res.json())
  }
  const newest = await page('?limit=100')
  const ids = newest.signals.map((s) => s.id)
  expect(ids).not.toContain(pending.id)
  expect(ids).not.toContain(heemskerk.id)
  expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older))
  const shown = newest.signals.find((s) => s.id === older)!
  expect(shown).toMatchObject({ status: 'received', supportCount: 1, response: null, statusReason: null, links: { meetingId: null, agendaId: null, agendaEntryId: null, itemId: null } })
  expect(Object.keys(shown)).not.toContain('moderation')
  const bySupport = await page('?sort=support&limit=100')
  const counts = bySupport.signals.map((s) => s.supportCount)
  expect(bySupport.signals[0]!.supportCount).toBeGreaterThanOrEqual(bySupport.signals.at(-1)!.supportCount)
  expect(counts).toEqual([...counts].sort((a, b) => b - a))
  expect(bySupport.signals.map((s) => s.id).indexOf(older)).toBeLessThan(bySupport.signals.map((s) => s.id).indexOf(newer))
  // Paged: each page at most `limit`, together all of them, once each.
  const first = await page('?limit=1')
  expect(first.signals).toHaveLength(1)
  expect(first.nextOffset).toBe(1)
  const all: string[] = []
  for (let offset: number | null = 0; offset !== null; ) {
    const p: Awaited<ReturnType<typeof page>> = await page(`?limit=1&offset=${offset}`)
    all.push(...p.signals.map((s) => s.id))
    offset = p.nextOffset
  }
  expect(all).toEqual(ids)
  expect((await w.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/signals?limit=500' })).statusCode).toBe(400)
  expect((await w.app.inject({ method: 'GET', url: '/api/municipalities/atlantis/signals' })).statusCode).toBe(404)
}

export async function checkSupportOncePerDevice(w: SignalWorld): Promise<void> {
  const id = await givenPublishedSignal(w)
  const device = newDeviceId()
  const answers = await Promise.all(Array.from({ length: 20 }, () => support(w, id, device)))
  for (const a of answers) {
    expect(a.statusCode, a.body).toBe(200)
    expect(a.json()).toEqual({ signalId: id, supported: true, supportCount: 1 })
  }
  expect(await supportCount(w, id)).toBe(1)
  expect((await w.db.select().from(signalSupports).where(eq(signalSupports.signalId, id))).length).toBe(1)
  // Another device counts once more; the support is stored under the device's own purpose key.
  const second = newDeviceId()
  expect((await support(w, id, second)).json()).toEqual({ signalId: id, supported: true, supportCount: 2 })
  const keys = await w.db.select({ key: signalSupports.deviceKey }).from(signalSupports).where(eq(signalSupports.signalId, id))
  expect(keys.map((k) => k.key)).toContain(allDeviceKeys(w.deviceKeySecret, second).signal_support)
  // Without a device nothing changes.
  const anonymous = await support(w, id, null)
  expect(anonymous.statusCode).toBe(200)
  expect(anonymous.json()).toEqual({ signalId: id, supported: false, supportCount: 2 })
  expect(await supportCount(w, id)).toBe(2)
}

export async function checkSupportOnlyOnPublished(w: SignalWorld): Promise<void> {
  const pending = aSignal()
  await results(w, [pending])
  const hidden = aSignal()
  await results(w, [hidden])
  await w.db.update(signals).set({ moderation: 'hidden', hiddenReason: 'insulting' }).where(eq(signals.id, hidden.id))
  for (const id of [pending.id, hidden.id, crypto.randomUUID()]) {
    for (const device of [newDeviceId(), null]) {
      const res = await support(w, id, device)
      expect(res.statusCode, res.body).toBe(404)
      expect(res.json().error.code).toBe('not_found')
    }
  }
  expect(await supportCount(w, pending.id)).toBe(0)
  expect(await supportCount(w, hidden.id)).toBe(0)
  expect((await queryRows<{ n: number }>(w.db, sql`select count(*)::int as n from signal_supports where signal_id in (${pending.id}, ${hidden.id})`))[0]!.n).toBe(0)
}

export async function checkMyDataAndErasure(w: SignalWorld): Promise<void> {
  const leaving = newDeviceId()
  const staying = newDeviceId()
  const auth = { authorization: deviceAuthorization(leaving) }
  const contact = (name: string) => ({ channel: 'email' as const, value: `${name.toLowerCase()}@example.nl`, name, consentVersion: SIGNAL_CONTACT_CONSENT_VERSION })
  const pending = aSignal({ deviceId: leaving, title: 'Mijn signaal dat nog wacht', contact: contact('Wachtend') })
  const published = aSignal({ deviceId: leaving, kind: 'proposal', title: 'Mijn voorstel dat openbaar is', contact: contact('Openbaar') })
  expect((await results(w, [pending, published])).map((r) => r.status)).toEqual(['accepted', 'accepted'])
  await publish(w, published.id)
  const othersSignal = await givenPublishedSignal(w, { deviceId: staying })
  expect((await support(w, othersSignal, leaving)).json().supportCount).toBe(1)
  expect((await support(w, othersSignal, staying)).json().supportCount).toBe(2)
  expect((await support(w, published.id, staying)).json().supportCount).toBe(1)

  const held = MyDataSchema.parse((await w.app.inject({ method: 'GET', url: '/api/me/data', headers: auth })).json())
  expect(held.signals.map((s) => [s.title, s.moderation, s.contact?.name])).toEqual([
    ['Mijn signaal dat nog wacht', 'pending', 'Wachtend'],
    ['Mijn voorstel dat openbaar is', 'published', 'Openbaar'],
  ])
  expect(held.signalSupports).toEqual([expect.objectContaining({ signalId: othersSignal })])
  // Another device sees none of it.
  const others = MyDataSchema.parse((await w.app.inject({ method: 'GET', url: '/api/me/data', headers: { authorization: deviceAuthorization(newDeviceId()) } })).json())
  expect(others.signals).toEqual([])
  expect(others.signalSupports).toEqual([])

  const erased = await w.app.inject({ method: 'DELETE', url: '/api/me', headers: auth })
  expect(erased.statusCode, erased.body).toBe(200)
  expect(ErasureSchema.parse(erased.json())).toMatchObject({ signalsDeleted: 1, signalsAnonymised: 1, signalSupports: 1 })
  expect(await rowCount(w, pending.id)).toBe(0)
  const [kept] = await w.db.select().from(signals).where(eq(signals.id, published.id))
  const keys = allDeviceKeys(w.deviceKeySecret, leaving)
  expect(Object.values(keys)).not.toContain(kept!.deviceKey)
  expect(kept).toMatchObject({ title: 'Mijn voorstel dat openbaar is', wantsContact: false, supportCount: 1 })
  expect(await w.db.select().from(contacts).where(and(eq(contacts.ownerKind, 'signal'), inArray(contacts.ownerId, [pending.id, published.id])))).toEqual([])
  expect(await supportCount(w, othersSignal)).toBe(1)
  expect((await w.db.select().from(signalSupports).where(eq(signalSupports.deviceKey, keys.signal_support))).length).toBe(0)
  expect(MyDataSchema.parse((await w.app.inject({ method: 'GET', url: '/api/me/data', headers: auth })).json())).toMatchObject({ signals: [], signalSupports: [] })
  // The published signal stays in the public list, and the other device's support on it too.
  const list = SignalListSchema.parse((await w.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/signals?limit=100' })).json())
  expect(list.signals.find((s) => s.id === published.id)?.supportCount).toBe(1)
  // Erasing again finds nothing.
  expect((await w.app.inject({ method: 'DELETE', url: '/api/me', headers: auth })).json()).toMatchObject({ signalsDeleted: 0, signalsAnonymised: 0, signalSupports: 0 })
}

/** Every case, in an order where each only relies on what it made itself. */
export const SIGNAL_CASES: Record<string, (w: SignalWorld) => Promise<void>> = {
  'stores a signal exactly once under 20 parallel replays of the same batch': checkExactlyOnceUnderReplays,
  'answers each signal of a batch on its own: a bad one fails no other': checkBadSignalDoesNotFailOthers,
  "takes theme and area only from the municipality's lists, links only to its upcoming meetings and published agendas, and sets the response-due date": checkVocabularyLinksAndDueDate,
  'keeps contact details in contacts only, never in the signal or the public list': checkContactKeptApart,
  'lists only published signals of the municipality, newest or most backed first, paged': checkPublicList,
  'counts "Dit herken ik" once per device under 20 parallel repeats': checkSupportOncePerDevice,
  'refuses support on a signal that is not published and changes nothing': checkSupportOnlyOnPublished,
  'shows the device its signals and supports, and erasure deletes unpublished ones, anonymises published ones and takes supports back': checkMyDataAndErasure,
}
