import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ItemListSchema, ItemSchema } from '../../../src/shared/schemas/item'
import { ErrorBodySchema } from '../../../src/shared/schemas/error'
import { touchItem } from '../../../src/server/repos/item-repo'
import { createTestApp, type TestApp } from '../../support/test-app'
import { editItem, givenItem, givenMunicipality } from '../../support/factories'

const DAY = 24 * 60 * 60 * 1000
let t: TestApp

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenMunicipality(t.db, 'velsen', 'Velsen')
})
afterEach(async () => t.close())

async function list(query: string) {
  return t.app.inject({ method: 'GET', url: `/api/items?${query}` })
}

describe('GET /api/items', () => {
  it('lists published items of the municipality with ladder, phase and feedback due date', async () => {
    const id = await givenItem(t.db, t.clock.now)
    await givenItem(t.db, t.clock.now, { municipality: 'velsen', title: 'Velsen-peiling' })
    const res = await list('municipality=beverwijk')
    expect(res.statusCode).toBe(200)
    const body = ItemListSchema.parse(res.json())
    expect(body.items.map((i) => i.id)).toEqual([id])
    expect(body.items[0]).toMatchObject({ ladder: 'raadplegen', phase: 'agenda', status: 'open', municipality: 'beverwijk' })
    expect(body.items[0]?.feedbackDueAt).toBeTruthy()
  })

  it('hides drafts and items that have not opened yet', async () => {
    await givenItem(t.db, t.clock.now, { publishedAt: null })
    await givenItem(t.db, t.clock.now, { opensAt: new Date(t.clock.now.getTime() + DAY) })
    const body = ItemListSchema.parse((await list('municipality=beverwijk')).json())
    expect(body.items).toEqual([])
  })

  it('filters by kind', async () => {
    await givenItem(t.db, t.clock.now, { kind: 'poll' })
    const q = await givenItem(t.db, t.clock.now, { kind: 'question' })
    const body = ItemListSchema.parse((await list('municipality=beverwijk&kind=question')).json())
    expect(body.items.map((i) => i.id)).toEqual([q])
  })

  it('marks an item closed once the server clock passes its closing time', async () => {
    await givenItem(t.db, t.clock.now, { closesAt: new Date(t.clock.now.getTime() + 1000) })
    t.clock.advance(2000)
    const body = ItemListSchema.parse((await list('municipality=beverwijk')).json())
    expect(body.items[0]?.status).toBe('closed')
  })

  it('with since, returns an item changed after the cursor and not an unchanged one', async () => {
    const changed = await givenItem(t.db, t.clock.now, { title: 'Wordt gewijzigd' })
    await givenItem(t.db, t.clock.now, { title: 'Blijft gelijk' })
    const first = ItemListSchema.parse((await list('municipality=beverwijk')).json())
    expect(first.items).toHaveLength(2)

    t.clock.advance(1000)
    await editItem(t.db, changed, { title: 'Gewijzigd' })
    await touchItem(t.db, changed)
    const second = ItemListSchema.parse((await list(`municipality=beverwijk&since=${first.cursor}`)).json())
    expect(second.items.map((i) => i.title)).toEqual(['Gewijzigd'])

    const third = ItemListSchema.parse((await list(`municipality=beverwijk&since=${second.cursor}`)).json())
    expect(third.items).toEqual([])
  })

  it('with since, returns an item that opened or closed after the cursor', async () => {
    const opensLater = await givenItem(t.db, t.clock.now, { opensAt: new Date(t.clock.now.getTime() + 1000) })
    const closesLater = await givenItem(t.db, t.clock.now, { closesAt: new Date(t.clock.now.getTime() + 1000) })
    const first = ItemListSchema.parse((await list('municipality=beverwijk')).json())
    expect(first.items.map((i) => i.id)).toEqual([closesLater])
    t.clock.advance(5000)
    const second = ItemListSchema.parse((await list(`municipality=beverwijk&since=${first.cursor}`)).json())
    expect(second.items.map((i) => i.id).sort()).toEqual([opensLater, closesLater].sort())
    expect(second.items.find((i) => i.id === closesLater)?.status).toBe('closed')
  })

  it('reads the whole feed again for a cursor of the earlier version (max change number and time)', async () => {
    const id = await givenItem(t.db, t.clock.now)
    const res = await list('municipality=beverwijk&since=1a_mbd3k8w0')
    expect(res.statusCode).toBe(200)
    expect(ItemListSchema.parse(res.json()).items.map((i) => i.id)).toEqual([id])
  })

  it('answers 400 with the error body for a malformed municipality, kind or cursor', async () => {
    for (const query of ['municipality=Not%20A%20Slug', 'municipality=beverwijk&kind=survey', 'municipality=beverwijk&since=xyz', 'municipality=beverwijk&since=999999999999999', 'municipality=beverwijk&since=%25%25', '']) {
      const res = await list(query)
      expect(res.statusCode, query).toBe(400)
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('bad_request')
    }
  })

  it('answers 404 for an unknown municipality', async () => {
    const res = await list('municipality=atlantis')
    expect(res.statusCode).toBe(404)
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('not_found')
  })
})

describe('GET /api/items/:id', () => {
  it('returns one published item with its questions', async () => {
    const id = await givenItem(t.db, t.clock.now)
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${id}` })
    expect(res.statusCode).toBe(200)
    const item = ItemSchema.parse(res.json())
    expect(item.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'scale', 'text'])
  })

  it('answers 404 for an unknown id and for a draft', async () => {
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    for (const id of [crypto.randomUUID(), draft]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/items/${id}` })
      expect(res.statusCode).toBe(404)
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('not_found')
    }
  })

  it('answers 400 for an id that is not a UUID', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/items/not-a-uuid' })
    expect(res.statusCode).toBe(400)
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('bad_request')
  })
})
