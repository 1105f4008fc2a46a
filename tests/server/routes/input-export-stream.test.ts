import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { itemCsv, itemJson } from '../../../src/server/exports/item-export'
import { EXPORT_PAGE_ROWS, setAnswerHidden, visibleAnswers } from '../../../src/server/repos/input-repo'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import { ownItem, streamInputExport } from '../../../src/server/services/input-service'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
let s: Session
let itemId: string
let officialId: string

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  officialId = await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
  itemId = await givenItem(t.db, t.clock.now)
})
afterEach(async () => t.close())

const TEXTS = ['Meer licht', '=SUM(A1)', 'Fijn, "echt" waar', '+31 6 1234', 'Één; twee\nregels', undefined]

/** More answers than two pages of the export's cursor, varied, a few of them hidden. */
async function givenManyAnswers(): Promise<string[]> {
  const total = 2 * EXPORT_PAGE_ROWS + 37
  const all = Array.from({ length: total }, (_, i) =>
    aSubmission(itemId, {
      // Some share a time: the submission id then decides the order.
      answeredAt: new Date(t.clock.now.getTime() - 3_600_000 + Math.floor(i / 3) * 1000).toISOString(),
      answers: { q1: i % 2 ? 'ja' : 'nee', ...(i % 3 ? { q2: ['a', 'c'] } : {}), ...(i % 4 ? { q3: (i % 5) + 1 } : {}), ...(TEXTS[i % TEXTS.length] ? { q4: TEXTS[i % TEXTS.length] } : {}) },
      ...(i % 7 === 0 ? { profile: { ageBand: '18-23' as const, area: 'Centrum' } } : {}),
    }),
  )
  for (let i = 0; i < all.length; i += 500) await ingestSubmissions(t.db, all.slice(i, i + 500), t.clock.now, testDeviceKeys)
  const hidden = [all[3]!.id, all[EXPORT_PAGE_ROWS + 1]!.id, all[total - 1]!.id]
  const item = await ownItem(t.db, 'beverwijk', itemId, t.clock.now)
  for (const id of hidden) expect(await setAnswerHidden(t.db, item, id, { hidden: true, reason: 'personal_data', by: crypto.randomUUID(), at: t.clock.now })).toBe(true)
  return hidden
}

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers })

describe('the streamed export', () => {
  it('streams exactly the rows and bytes the whole-at-once export gave, in the same order, without hidden answers', async () => {
    const hidden = await givenManyAnswers()
    const item = await ownItem(t.db, 'beverwijk', itemId, t.clock.now)
    const visible = await visibleAnswers(t.db, itemId)
    expect(visible).toHaveLength(2 * EXPORT_PAGE_ROWS + 37 - hidden.length)

    const csv = await get(`/api/official/items/${itemId}/export?format=csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/)
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="meepraat-${itemId}.csv"`)
    expect(csv.body).toBe(itemCsv(item, visible))
    for (const id of hidden) expect(csv.body).not.toContain(id)
    // CSV-injection safety holds in every page.
    expect(csv.body.split('\r\n').filter((line) => line.includes(',=SUM'))).toEqual([])

    const json = await get(`/api/official/items/${itemId}/export?format=json`)
    expect(json.headers['content-type']).toMatch(/application\/json; charset=utf-8/)
    expect(json.body).toBe(JSON.stringify(itemJson(item, visible)))

    const audit = await queryRows<{ details: { format: string; rows: number } }>(t.db, sql`select details from audit_log where action = 'item.export'`)
    // Both entries share the test clock's time: compared in a fixed order.
    expect(audit.map((a) => a.details).sort((a, b) => a.format.localeCompare(b.format))).toEqual([
      { format: 'csv', rows: visible.length },
      { format: 'json', rows: visible.length },
    ])
  }, 120_000)

  it('streams an item without answers as just its header', async () => {
    const item = await ownItem(t.db, 'beverwijk', itemId, t.clock.now)
    expect((await get(`/api/official/items/${itemId}/export?format=csv`)).body).toBe(itemCsv(item, []))
    expect((await get(`/api/official/items/${itemId}/export?format=json`)).json()).toEqual({ item: expect.objectContaining({ id: itemId }), submissions: [] })
  })

  it('still answers 404 with an error body, and writes no audit entry, for an item that is not there', async () => {
    const res = await get(`/api/official/items/${crypto.randomUUID()}/export?format=csv`)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ error: { code: expect.any(String) } })
    expect(await queryRows(t.db, sql`select 1 from audit_log where action = 'item.export'`)).toEqual([])
  })

  it('stops reading, writes no audit entry and leaves the database usable when the reader goes away halfway', async () => {
    const hidden = await givenManyAnswers()
    const official = { id: officialId, municipality: 'beverwijk' }
    let writes = 0
    const broken = streamInputExport({ db: t.db, now: t.clock.now }, official, itemId, 'csv', {
      start: () => undefined,
      write: async () => {
        // The header, then two chunks of rows; the third chunk finds the reader gone.
        if (++writes === 4) throw new Error('The reader of the export went away')
      },
    })
    await expect(broken).rejects.toThrow('went away')
    expect(writes).toBe(4)
    expect(await queryRows(t.db, sql`select 1 from audit_log where action = 'item.export'`)).toEqual([])
    // The cursor and its transaction are gone: the next export runs to the end.
    const res = await get(`/api/official/items/${itemId}/export?format=csv`)
    expect(res.statusCode).toBe(200)
    // Header, one line per visible row, and the empty rest after the last line end.
    expect(res.body.split('\r\n')).toHaveLength(2 * EXPORT_PAGE_ROWS + 37 - hidden.length + 2)
  }, 120_000)
})
