import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ItemInputSchema, TextAnswerPageSchema } from '../../../src/shared/schemas/input'
import type { Submission } from '../../../src/shared/schemas/submission'
import { createTestApp, type TestApp } from '../../support/test-app'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { questionResult, talliedResults } from '../../support/results'

let t: TestApp
let s: Session
let itemId: string

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
  itemId = await givenItem(t.db, t.clock.now)
})
afterEach(async () => t.close())

async function answer(list: Partial<Submission>[]) {
  // A second apart, in list order: exports list rows by answer time, and equal times have no order.
  const subs = list.map((o, i) => aSubmission(itemId, { answeredAt: new Date(t.clock.now.getTime() - (list.length - i) * 1000).toISOString(), ...o }))
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: subs } })
  expect(res.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true)
  return subs
}

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers })

describe('GET /api/official/items/:id/input', () => {
  it('breaks results down by age band and suppresses groups and cells under 5', async () => {
    await answer([
      ...Array.from({ length: 6 }, (_, i) => ({ answers: { q1: i < 5 ? 'ja' : 'nee' }, profile: { ageBand: '16-17' as const } })),
      ...Array.from({ length: 3 }, () => ({ answers: { q1: 'ja' }, profile: { ageBand: '65+' as const } })),
    ])
    const input = ItemInputSchema.parse((await get(`/api/official/items/${itemId}/input`)).json())
    expect(input.results.respondents).toBe(9)
    const teens = input.byAgeBand.find((g) => g.group === '16-17')
    expect(teens?.respondents).toBe(6)
    expect(teens?.questions.find((q) => q.questionId === 'q1')?.counts).toEqual([
      { key: 'ja', count: 5 },
      { key: 'nee', count: null },
    ])
    const elderly = input.byAgeBand.find((g) => g.group === '65+')
    expect(elderly?.respondents).toBeNull()
    expect(elderly?.questions.every((q) => q.counts.every((c) => c.count === null))).toBe(true)
  })
})

describe('text answers and moderation', () => {
  it('pages and searches open answers', async () => {
    await answer(Array.from({ length: 25 }, (_, i) => ({ answers: { q1: 'ja', q4: i === 7 ? 'Meer bankjes in het park' : `Antwoord ${i}` } })))
    const page2 = TextAnswerPageSchema.parse((await get(`/api/official/items/${itemId}/answers?page=2&pageSize=10`)).json())
    expect(page2.total).toBe(25)
    expect(page2.answers).toHaveLength(10)
    const found = TextAnswerPageSchema.parse((await get(`/api/official/items/${itemId}/answers?search=bankjes`)).json())
    expect(found.answers.map((a) => a.text)).toEqual(['Meer bankjes in het park'])
    const none = TextAnswerPageSchema.parse((await get(`/api/official/items/${itemId}/answers?search=${encodeURIComponent('100%_')}`)).json())
    expect(none.total).toBe(0)
  })

  it('hides an answer with a reason: kept for audit, out of the public results and the export; showing it again restores it', async () => {
    const [bad] = await answer([{ answers: { q1: 'nee', q4: 'Mijn buurman Jan de Vries, Dorpsstraat 4' } }, { answers: { q1: 'ja', q4: 'Meer licht' } }])
    const hide = await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${bad!.id}/hide`, headers: s.headers, payload: { reason: 'personal_data' } })
    expect(hide.statusCode).toBe(200)

    const results = (await talliedResults(t, itemId))
    expect(results.respondents).toBe(1)
    expect(questionResult(results, 'q1', 'single').counts).toEqual([{ key: 'ja', count: 1 }, { key: 'nee', count: 0 }])
    const csv = (await get(`/api/official/items/${itemId}/export?format=csv`)).body
    expect(csv).not.toContain('Jan de Vries')
    const list = TextAnswerPageSchema.parse((await get(`/api/official/items/${itemId}/answers`)).json())
    expect(list.answers.find((a) => a.submissionId === bad!.id)).toMatchObject({ hidden: true, hiddenReason: 'personal_data' })

    await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${bad!.id}/unhide`, headers: s.headers, payload: {} })
    expect((await talliedResults(t, itemId)).respondents).toBe(2)
  })

  it('counts a new answer from a device whose answer was hidden once', async () => {
    const deviceId = 'device-hidden-0000000000000000000'
    const [first] = await answer([{ deviceId, answers: { q1: 'nee' }, answeredAt: '2026-06-01T10:00:00Z' }])
    await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${first!.id}/hide`, headers: s.headers, payload: { reason: 'insulting' } })
    await answer([{ deviceId, answers: { q1: 'ja' }, answeredAt: '2026-06-01T11:00:00Z' }])
    const results = (await talliedResults(t, itemId))
    expect(results.respondents).toBe(1)
    expect(questionResult(results, 'q1', 'single').counts).toEqual([{ key: 'ja', count: 1 }, { key: 'nee', count: 0 }])
  })

  it('answers 404 for an answer that does not exist', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${crypto.randomUUID()}/hide`, headers: s.headers, payload: { reason: 'off_topic' } })
    expect(res.statusCode).toBe(404)
  })
})

describe('GET /api/official/items/:id/export', () => {
  it('exports CSV in UTF-8 with a BOM, one row per submission, option labels per question, formulas defused', async () => {
    await answer([
      { answers: { q1: 'ja', q2: ['a', 'b'], q3: 4, q4: 'Fijn, "echt" waar' }, profile: { ageBand: '18-23', area: 'Centrum' } },
      { answers: { q1: 'nee', q4: '=HYPERLINK("http://x")' } },
    ])
    const res = await get(`/api/official/items/${itemId}/export?format=csv`)
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/)
    expect(res.headers['content-disposition']).toMatch(/attachment/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('submission_id,answered_at,age_band,area,Vind je het belangrijk?,Welke plekken?,Hoe tevreden?,Nog iets?')
    expect(lines[1]).toContain(',18-23,Centrum,Ja,"A; B",4,"Fijn, ""echt"" waar"')
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")"`)
  })

  it('exports JSON with the questions and every visible submission', async () => {
    await answer([{ answers: { q1: 'ja' } }])
    const res = await get(`/api/official/items/${itemId}/export?format=json`)
    const body = res.json() as { item: { questions: unknown[] }; submissions: { answers: object }[] }
    expect(body.item.questions).toHaveLength(4)
    expect(body.submissions).toEqual([expect.objectContaining({ answers: { q1: 'ja' } })])
    expect(res.body).not.toMatch(/deviceId|device_key/)
  })
})
