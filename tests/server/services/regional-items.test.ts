import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpError } from '../../../src/server/errors'
import { upsertMunicipality } from '../../../src/server/repos/municipality-repo'
import { findOfficialByEmail } from '../../../src/server/repos/official-repo'
import type { Actor } from '../../../src/server/services/context'
import { giveFeedback } from '../../../src/server/services/feedback-service'
import { canManage, itemsInReach, readableItem } from '../../../src/server/services/item-access'
import { closeOwnItem, createItem, publishOwnItem, updateItem } from '../../../src/server/services/item-service'
import { exportInput, hideAnswer } from '../../../src/server/services/input-service'
import type { ItemInput } from '../../../src/shared/schemas/input'
import type { ItemList } from '../../../src/shared/schemas/item'
import type { ManagedItem } from '../../../src/shared/schemas/item-draft'
import { aSubmission, anItemDraft, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

/**
 * Items for a whole region (IJmond: Beverwijk, Velsen) against a municipality outside it
 * (Westervoort): who sees them, who may change them, and how their input splits by municipality.
 */
let t: TestApp
let regionOfficial: Session
let velsenOfficial: Session
let beverwijkOfficial: Session
let outsider: Session
const actors = {} as Record<'region' | 'region2' | 'beverwijk' | 'velsen' | 'outsider', Actor>

async function actorOf(email: string): Promise<Actor> {
  const account = await findOfficialByEmail(t.db, email)
  return { id: account!.id, municipality: account!.municipality, region: account!.region }
}

const context = () => ({ db: t.db, now: t.clock.now })

async function feed(municipality: string, since?: string): Promise<ItemList> {
  const res = await t.app.inject({ method: 'GET', url: `/api/items?municipality=${municipality}${since ? `&since=${since}` : ''}` })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as ItemList
}

async function publishedRegionalItem(title = 'Rondkomen in de IJmond'): Promise<ManagedItem> {
  const created = await t.app.inject({ method: 'POST', url: '/api/official/items', headers: regionOfficial.headers, payload: anItemDraft(t.clock.now, { title, forRegion: true }) })
  expect(created.statusCode, created.body).toBe(201)
  const id = (created.json() as ManagedItem).id
  const published = await t.app.inject({ method: 'POST', url: `/api/official/items/${id}/publish`, headers: regionOfficial.headers, payload: {} })
  expect(published.statusCode, published.body).toBe(200)
  return published.json() as ManagedItem
}

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await upsertMunicipality(t.db, { slug: 'westervoort', name: 'Westervoort', areas: ['Centrum'] })
  await givenOfficial(t.db, 'beverwijk', 'official', 'regio@beverwijk.nl', 'ijmond')
  await givenOfficial(t.db, 'velsen', 'official', 'regio@velsen.nl', 'ijmond')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
  await givenOfficial(t.db, 'westervoort', 'official', 'w@westervoort.nl')
  regionOfficial = await signIn(t.app, 'regio@beverwijk.nl')
  beverwijkOfficial = await signIn(t.app, 'a@beverwijk.nl')
  velsenOfficial = await signIn(t.app, 'b@velsen.nl')
  outsider = await signIn(t.app, 'w@westervoort.nl')
  actors.region = await actorOf('regio@beverwijk.nl')
  actors.region2 = await actorOf('regio@velsen.nl')
  actors.beverwijk = await actorOf('a@beverwijk.nl')
  actors.velsen = await actorOf('b@velsen.nl')
  actors.outsider = await actorOf('w@westervoort.nl')
})
afterAll(async () => t.close())

describe('an item for the whole region', () => {
  it('a region official sees their region in /api/auth/me, so the draft form can offer "for the whole region"', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: regionOfficial.headers })).json()
    expect(me).toMatchObject({ municipality: 'beverwijk', region: 'ijmond', regionName: 'IJmond' })
    const plain = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: velsenOfficial.headers })).json()
    expect(plain.region).toBeUndefined()
  })

  it('appears in every member municipality\'s feed with the region named, and in no other municipality\'s', async () => {
    const item = await publishedRegionalItem('In elke IJmond-gemeente')
    expect(item).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond', municipality: 'beverwijk' })
    for (const member of ['beverwijk', 'velsen']) {
      const found = (await feed(member)).items.find((i) => i.id === item.id)
      expect(found, member).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond' })
    }
    expect((await feed('westervoort')).items.map((i) => i.id)).not.toContain(item.id)
    const single = (await t.app.inject({ method: 'GET', url: `/api/items/${item.id}` })).json()
    expect(single).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond' })
  })

  it('an item of one municipality stays out of the other members\' feeds', async () => {
    const own = await givenItem(t.db, t.clock.now, { municipality: 'beverwijk', title: 'Alleen Beverwijk' })
    expect((await feed('beverwijk')).items.map((i) => i.id)).toContain(own)
    expect((await feed('velsen')).items.map((i) => i.id)).not.toContain(own)
    const single = (await t.app.inject({ method: 'GET', url: `/api/items/${own}` })).json()
    expect(single.region).toBeUndefined()
  })

  it('with `since` cursors: published and changed regional items reach each member\'s next page, and never another municipality\'s', async () => {
    const cursors = { velsen: (await feed('velsen')).cursor, beverwijk: (await feed('beverwijk')).cursor, westervoort: (await feed('westervoort')).cursor }
    const item = await publishedRegionalItem('Nieuw na de cursor')
    const velsen = await feed('velsen', cursors.velsen)
    const beverwijk = await feed('beverwijk', cursors.beverwijk)
    const westervoort = await feed('westervoort', cursors.westervoort)
    expect(velsen.items.map((i) => i.id)).toEqual([item.id])
    expect(beverwijk.items.map((i) => i.id)).toEqual([item.id])
    expect(westervoort.items).toEqual([])
    // Nothing new: empty pages. Then a change by the region official: news for the members only.
    expect((await feed('velsen', velsen.cursor)).items).toEqual([])
    const changed = await t.app.inject({ method: 'PUT', url: `/api/official/items/${item.id}`, headers: regionOfficial.headers, payload: anItemDraft(t.clock.now, { title: 'Nieuw na de cursor, aangepast', opensAt: item.opensAt }) })
    expect(changed.statusCode, changed.body).toBe(200)
    const again = await feed('velsen', velsen.cursor)
    expect(again.items.map((i) => [i.id, i.title])).toEqual([[item.id, 'Nieuw na de cursor, aangepast']])
    expect((await feed('westervoort', westervoort.cursor)).items).toEqual([])
  })

  it('only a region official can write an item for the whole region', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/official/items', headers: velsenOfficial.headers, payload: anItemDraft(t.clock.now, { forRegion: true }) })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
    await expect(createItem(context(), actors.outsider, anItemDraft(t.clock.now, { forRegion: true }))).rejects.toMatchObject({ statusCode: 403 })
  })
})

describe('access to regional items', () => {
  it('a member municipality official sees a regional item read-only: listed, input readable, no edit, publish, close, feedback or moderation', async () => {
    const item = await publishedRegionalItem('Alleen lezen voor Velsen')
    const answer = aSubmission(item.id, { answers: { q1: 'ja', q4: 'Graag' }, answeredAt: t.clock.now.toISOString(), profile: { municipality: 'velsen' } })
    expect((await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [answer] } })).json().results[0].status).toBe('accepted')
    const before = (await t.app.inject({ method: 'GET', url: `/api/items/${item.id}` })).json()
    for (const session of [velsenOfficial, beverwijkOfficial]) {
      const list = (await t.app.inject({ method: 'GET', url: '/api/official/items', headers: session.headers })).json() as { items: ManagedItem[] }
      expect(list.items.find((i) => i.id === item.id)).toMatchObject({ readOnly: true, region: 'IJmond' })
      const reads = [`/api/official/items/${item.id}`, `/api/official/items/${item.id}/input`, `/api/official/items/${item.id}/answers`, `/api/official/items/${item.id}/export?format=csv`]
      for (const url of reads) expect((await t.app.inject({ method: 'GET', url, headers: session.headers })).statusCode, url).toBe(200)
      const changes = [
        { method: 'PUT' as const, url: `/api/official/items/${item.id}`, payload: anItemDraft(t.clock.now, { title: 'Gekaapt' }) },
        { method: 'POST' as const, url: `/api/official/items/${item.id}/close`, payload: {} },
        { method: 'POST' as const, url: `/api/items/${item.id}/feedback`, payload: { outcome: 'in_progress', summary: 'We lezen alles.' } },
        { method: 'POST' as const, url: `/api/official/items/${item.id}/answers/${answer.id}/hide`, payload: { reason: 'off_topic' } },
      ]
      for (const c of changes) {
        const res = await t.app.inject({ ...c, headers: session.headers })
        expect(res.statusCode, `${c.method} ${c.url}: ${res.body}`).toBe(403)
      }
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${item.id}` })).json()).toEqual(before)
    // The region official's own list has it without the mark.
    const own = (await t.app.inject({ method: 'GET', url: '/api/official/items', headers: regionOfficial.headers })).json() as { items: ManagedItem[] }
    expect(own.items.find((i) => i.id === item.id)?.readOnly).toBeUndefined()
  })

  it('an official outside the region does not reach a regional item at all', async () => {
    const item = await publishedRegionalItem('Niet voor Westervoort')
    for (const url of [`/api/official/items/${item.id}`, `/api/official/items/${item.id}/input`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(404)
    }
    const list = (await t.app.inject({ method: 'GET', url: '/api/official/items', headers: outsider.headers })).json() as { items: ManagedItem[] }
    expect(list.items.some((i) => i.regionSlug === 'ijmond')).toBe(false)
  })

  it('service level: every region official manages the region\'s items; members\' officials only read; outsiders do not reach them', async () => {
    const created = await createItem(context(), actors.region, anItemDraft(t.clock.now, { title: 'Via de service', forRegion: true }))
    expect(created.regionSlug).toBe('ijmond')
    // The second region official (home Velsen) edits and publishes what the first one wrote.
    await updateItem(context(), actors.region2, created.id, anItemDraft(t.clock.now, { title: 'Via de service, bewerkt', opensAt: created.opensAt }))
    const published = await publishOwnItem(context(), actors.region2, created.id)
    expect(published).toMatchObject({ title: 'Via de service, bewerkt', state: 'open' })
    for (const member of [actors.beverwijk, actors.velsen]) {
      expect(await readableItem(t.db, member, created.id, t.clock.now)).toMatchObject({ id: created.id, readOnly: true })
      // One at a time: a refusal started before the previous one is awaited would reject unobserved.
      const refusals = [
        () => updateItem(context(), member, created.id, anItemDraft(t.clock.now, { title: 'Gekaapt' })),
        () => closeOwnItem(context(), member, created.id),
        () => giveFeedback(context(), member, created.id, { outcome: 'in_progress', summary: 'We lezen alles.' }),
        () => hideAnswer(context(), member, created.id, crypto.randomUUID(), 'off_topic'),
      ]
      for (const refusal of refusals) await expect(refusal()).rejects.toMatchObject({ statusCode: 403, code: 'forbidden' })
      // Reading the input is allowed, and audited like any export.
      const exported = await exportInput(context(), member, created.id, 'json')
      expect(exported.format).toBe('json')
    }
    await expect(readableItem(t.db, actors.outsider, created.id, t.clock.now)).rejects.toBeInstanceOf(HttpError)
    expect((await itemsInReach(t.db, actors.outsider, t.clock.now)).some((i) => i.id === created.id)).toBe(false)
    const closed = await closeOwnItem(context(), actors.region, created.id)
    expect(closed.state).toBe('closed')
  })

  it('a region official still manages the plain items of their home municipality, not those of another member', async () => {
    expect(canManage({ municipality: 'beverwijk', region: null }, actors.region)).toBe(true)
    expect(canManage({ municipality: 'velsen', region: null }, actors.region)).toBe(false)
    expect(canManage({ municipality: 'velsen', region: 'ijmond' }, actors.region)).toBe(true)
    expect(canManage({ municipality: 'beverwijk', region: 'ijmond' }, actors.beverwijk)).toBe(false)
    const velsenItem = await givenItem(t.db, t.clock.now, { municipality: 'velsen' })
    await expect(readableItem(t.db, actors.region, velsenItem, t.clock.now)).rejects.toMatchObject({ statusCode: 404 })
  })
})

describe('input of a regional item by municipality', () => {
  async function answer(itemId: string, municipality: string | undefined, q1: string) {
    return aSubmission(itemId, { answers: { q1 }, answeredAt: t.clock.now.toISOString(), ...(municipality ? { profile: { municipality } } : {}) })
  }

  it('stores the resident\'s municipality when it is a member of the region, and breaks the input and CSV down by it', async () => {
    const item = await publishedRegionalItem('Per gemeente')
    const submissions = [
      ...(await Promise.all(Array.from({ length: 5 }, () => answer(item.id, 'velsen', 'ja')))),
      ...(await Promise.all(Array.from({ length: 6 }, () => answer(item.id, 'beverwijk', 'nee')))),
      // Outside the region, and not said: counted, under "unknown".
      await answer(item.id, 'westervoort', 'ja'),
      await answer(item.id, undefined, 'ja'),
    ]
    const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions } })
    expect((res.json() as { results: { status: string }[] }).results.every((r) => r.status === 'accepted')).toBe(true)

    const input = (await t.app.inject({ method: 'GET', url: `/api/official/items/${item.id}/input`, headers: velsenOfficial.headers })).json() as ItemInput
    const groups = Object.fromEntries((input.byMunicipality ?? []).map((g) => [g.group, g]))
    expect(Object.keys(groups).sort()).toEqual(['beverwijk', 'unknown', 'velsen'])
    expect(groups.velsen!.respondents).toBe(5)
    expect(groups.beverwijk!.respondents).toBe(6)
    expect(groups.unknown!.respondents).toBeNull() // 2 people: too few to show
    expect(groups.velsen!.questions.find((q) => q.questionId === 'q1')?.counts.find((c) => c.key === 'ja')?.count).toBe(5)

    const csv = (await t.app.inject({ method: 'GET', url: `/api/official/items/${item.id}/export?format=csv`, headers: regionOfficial.headers })).body
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(header!.split(',').slice(0, 5)).toEqual(['submission_id', 'answered_at', 'age_band', 'area', 'municipality'])
    const places = lines.map((l) => l.split(',')[4])
    expect(places.filter((p) => p === 'velsen')).toHaveLength(5)
    expect(places.filter((p) => p === 'beverwijk')).toHaveLength(6)
    expect(places.filter((p) => p === '')).toHaveLength(2)
    expect(places).not.toContain('westervoort')
  })

  it('a plain item keeps its breakdowns and CSV columns, and does not store a municipality', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { municipality: 'velsen', title: 'Alleen Velsen' })
    const s = await answer(itemId, 'velsen', 'ja')
    await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [s] } })
    const input = (await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/input`, headers: velsenOfficial.headers })).json() as ItemInput
    expect(input.byMunicipality).toBeUndefined()
    const csv = (await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=json`, headers: velsenOfficial.headers })).json()
    expect(csv.submissions[0]).not.toHaveProperty('municipality')
  })

  it('refuses a profile municipality that is not a slug with a 400, storing nothing', async () => {
    const item = await publishedRegionalItem('Slechte invoer')
    const bad = { ...(await answer(item.id, undefined, 'ja')), profile: { municipality: 'x'.repeat(200) } }
    const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [bad] } })
    expect(res.statusCode).toBe(400)
    const input = (await t.app.inject({ method: 'GET', url: `/api/official/items/${item.id}/input`, headers: regionOfficial.headers })).json() as ItemInput
    expect(input.byMunicipality).toEqual([])
  })
})
