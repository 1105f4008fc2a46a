import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ItemInputSchema } from '../../../src/shared/schemas/input'
import { ManagedItemSchema, type ItemDraft } from '../../../src/shared/schemas/item-draft'
import type { Question } from '../../../src/shared/schemas/question'
import { SubmissionBatchResultSchema, type Submission } from '../../../src/shared/schemas/submission'
import { anItemDraft, aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { questionResult, talliedResults } from '../../support/results'
import { createTestApp, type TestApp } from '../../support/test-app'

/**
 * Ranking, matrix and a conditional question through the whole server: ingest, public
 * results, breakdowns, the CSV export and the official's draft and change rules.
 */
const questions: Question[] = [
  { id: 'sport', type: 'single', label: 'Sport je?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] },
  {
    id: 'plek',
    type: 'ranking',
    label: 'Wat eerst?',
    required: false,
    max: 2,
    options: [
      { id: 'park', label: 'Park' },
      { id: 'veld', label: 'Sportveld' },
      { id: 'jeugd', label: 'Jongerencentrum' },
    ],
  },
  {
    id: 'buurt',
    type: 'matrix',
    label: 'Mijn buurt',
    required: false,
    rows: [
      { id: 'veilig', label: 'Is veilig' },
      { id: 'schoon', label: 'Is schoon' },
    ],
  },
  { id: 'vaak', type: 'scale', label: 'Hoe vaak?', required: true, min: 1, max: 3, showIf: { questionId: 'sport', anyOf: ['ja'] } },
]

let t: TestApp
let s: Session
let itemId: string

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
  itemId = await givenItem(t.db, t.clock.now, { questions })
})
afterEach(async () => t.close())

async function post(list: Partial<Submission>[]) {
  // A second apart, in list order: exports list rows by answer time, and equal times have no order.
  const subs = list.map((o, i) => aSubmission(itemId, { answeredAt: new Date(t.clock.now.getTime() - (list.length - i) * 1000).toISOString(), ...o }))
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: subs } })
  expect(res.statusCode, res.body).toBe(200)
  return SubmissionBatchResultSchema.parse(res.json()).results
}

const results = async () => talliedResults(t, itemId)
const official = (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers })

describe('ingest of ranking, matrix and conditional answers', () => {
  it('accepts answers that fit and rejects each misfit in its own submission, saying which answer and why', async () => {
    const r = await post([
      { answers: { sport: 'ja', plek: ['veld', 'park'], buurt: { veilig: 4, schoon: 2 }, vaak: 3 } },
      { answers: { sport: 'nee', plek: ['jeugd'] } },
      { answers: { sport: 'nee', plek: ['park', 'park'] } },
      { answers: { sport: 'nee', plek: ['park', 'veld', 'jeugd'] } },
      { answers: { sport: 'nee', buurt: { veilig: 6 } } },
      { answers: { sport: 'nee', buurt: { groen: 3 } } },
      { answers: { sport: 'nee', vaak: 2 } },
      { answers: { sport: 'ja' } },
    ])
    expect(r.map((x) => x.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected'])
    expect(r.slice(2).map((x) => [x.reason, x.issues])).toEqual([
      ['invalid_answers', [{ questionId: 'plek', problem: 'wrong_type' }]],
      ['invalid_answers', [{ questionId: 'plek', problem: 'too_many' }]],
      ['invalid_answers', [{ questionId: 'buurt', problem: 'out_of_range' }]],
      ['invalid_answers', [{ questionId: 'buurt', problem: 'unknown_option' }]],
      ['invalid_answers', [{ questionId: 'vaak', problem: 'not_asked' }]],
      ['invalid_answers', [{ questionId: 'vaak', problem: 'required' }]],
    ])
    expect((await results()).respondents).toBe(2)
  })
})

describe('results of ranking, matrix and conditional questions', () => {
  it('tallies ranks with Borda points, matrix rows like scales, and a conditional question only where asked', async () => {
    await post([
      { answers: { sport: 'ja', plek: ['veld', 'park'], buurt: { veilig: 4, schoon: 2 }, vaak: 3 } },
      { answers: { sport: 'ja', plek: ['park', 'veld'], buurt: { veilig: 5 }, vaak: 1 } },
      { answers: { sport: 'nee', plek: ['park'] } },
    ])
    const r = await results()
    const plek = questionResult(r, 'plek', 'ranking')
    expect(plek.answered).toBe(3)
    expect(plek.ranking).toEqual([
      { key: 'park', byRank: [2, 1], meanRank: 4 / 3, points: 5 },
      { key: 'veld', byRank: [1, 1], meanRank: 1.5, points: 3 },
      { key: 'jeugd', byRank: [0, 0], points: 0 },
    ])
    const buurt = questionResult(r, 'buurt', 'matrix')
    expect(buurt.rows.map((row) => [row.key, row.answered, row.mean])).toEqual([
      ['veilig', 2, 4.5],
      ['schoon', 1, 2],
    ])
    expect(buurt.rows[0]?.counts.map((c) => c.key)).toEqual(['1', '2', '3', '4', '5'])
    const vaak = questionResult(r, 'vaak', 'scale')
    expect(vaak).toMatchObject({ answered: 2, mean: 2 })
  })

  it('moves the tallies when a device replaces its answer', async () => {
    const deviceId = 'device-rank-00000000000000000000'
    await post([{ deviceId, answeredAt: '2026-06-01T10:00:00Z', answers: { sport: 'nee', plek: ['park', 'veld'], buurt: { veilig: 1 } } }])
    await post([{ deviceId, answeredAt: '2026-06-01T11:00:00Z', answers: { sport: 'nee', plek: ['jeugd'], buurt: { schoon: 3 } } }])
    const r = await results()
    expect(questionResult(r, 'plek', 'ranking').ranking.map((x) => x.byRank)).toEqual([[0, 0], [0, 0], [1, 0]])
    expect(questionResult(r, 'buurt', 'matrix').rows.map((row) => row.answered)).toEqual([0, 1])
  })
})

describe('breakdowns and export of ranking, matrix and conditional questions', () => {
  it('breaks them down by age band with cells per option rank and per row value, suppressing small groups', async () => {
    await post([
      ...Array.from({ length: 5 }, () => ({ answers: { sport: 'ja', plek: ['park'], buurt: { veilig: 3, schoon: 3 }, vaak: 2 }, profile: { ageBand: '16-17' as const } })),
      { answers: { sport: 'nee', plek: ['veld'] }, profile: { ageBand: '65+' as const } },
    ])
    const input = ItemInputSchema.parse((await official(`/api/official/items/${itemId}/input`)).json())
    const teens = input.byAgeBand.find((g) => g.group === '16-17')
    const cells = (id: string) => Object.fromEntries((teens?.questions.find((q) => q.questionId === id)?.counts ?? []).map((c) => [c.key, c.count]))
    expect(cells('plek')).toEqual({ 'park:1': 5, 'park:2': null, 'veld:1': null, 'veld:2': null, 'jeugd:1': null, 'jeugd:2': null })
    expect(cells('buurt')['veilig:3']).toBe(5)
    expect(cells('buurt')['schoon:1']).toBeNull()
    expect(cells('vaak')).toEqual({ '1': null, '2': 5, '3': null })
    const elderly = input.byAgeBand.find((g) => g.group === '65+')
    expect(elderly?.questions.every((q) => q.counts.every((c) => c.count === null))).toBe(true)
  })

  it('exports a column per ranked option (its rank) and per matrix row, empty where not asked', async () => {
    await post([
      { answers: { sport: 'ja', plek: ['veld', 'park'], buurt: { schoon: 2 }, vaak: 3 } },
      { answers: { sport: 'nee' } },
    ])
    const res = await official(`/api/official/items/${itemId}/export?format=csv`)
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe(
      'submission_id,answered_at,age_band,area,Sport je?,Wat eerst?: Park,Wat eerst?: Sportveld,Wat eerst?: Jongerencentrum,Mijn buurt: Is veilig,Mijn buurt: Is schoon,Hoe vaak?',
    )
    expect(lines[1]?.split(',').slice(4)).toEqual(['Ja', '2', '1', '', '', '2', '3'])
    expect(lines[2]?.split(',').slice(4)).toEqual(['Nee', '', '', '', '', '', ''])
  })
})

describe('drafts with ranking, matrix and conditions', () => {
  const draft = (overrides: Partial<ItemDraft> = {}): ItemDraft => anItemDraft(t.clock.now, overrides)
  const create = (d: ItemDraft) => t.app.inject({ method: 'POST', url: '/api/official/items', headers: s.headers, payload: d })

  it('accepts a draft with every new type and a condition on an earlier question', async () => {
    const res = await create(draft({ questions }))
    expect(res.statusCode, res.body).toBe(201)
    expect(ManagedItemSchema.parse(res.json()).questions).toEqual(questions)
  })

  it('refuses a condition on a later or unknown question or on an unknown option (400)', async () => {
    const sport = questions[0] as Question
    const vaak = questions[3] as Question
    for (const bad of [
      [vaak, sport],
      [sport, { ...vaak, showIf: { questionId: 'leeftijd', anyOf: ['ja'] } }],
      [sport, { ...vaak, showIf: { questionId: 'sport', anyOf: ['misschien'] } }],
    ]) {
      const res = await create(draft({ questions: bad }))
      expect(res.statusCode, JSON.stringify(bad)).toBe(400)
      expect(res.body).toMatch(/condition/)
    }
  })

  it('refuses after publishing a lower ranking maximum than given ranks and a removed matrix row with answers (409)', async () => {
    const created = ManagedItemSchema.parse((await create(draft({ questions }))).json())
    await t.app.inject({ method: 'POST', url: `/api/official/items/${created.id}/publish`, headers: s.headers, payload: {} })
    const sub = aSubmission(created.id, { answeredAt: t.clock.now.toISOString(), answers: { sport: 'nee', plek: ['park', 'veld'], buurt: { schoon: 4 } } })
    expect((await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [sub] } })).json().results[0].status).toBe('accepted')
    const put = (qs: Question[]) => t.app.inject({ method: 'PUT', url: `/api/official/items/${created.id}`, headers: s.headers, payload: draft({ questions: qs }) })
    const lowerMax = await put(questions.map((q) => (q.type === 'ranking' ? { ...q, max: 1 } : q)))
    expect(lowerMax.statusCode).toBe(409)
    expect(lowerMax.json().error.message).toMatch(/rank more options than the new maximum/)
    const noRow = await put(questions.map((q) => (q.type === 'matrix' ? { ...q, rows: q.rows.slice(0, 1).concat({ id: 'groen', label: 'Is groen' }) } : q)))
    expect(noRow.statusCode).toBe(409)
    expect(noRow.json().error.message).toMatch(/row schoon/)
    expect((await put(questions.map((q) => (q.type === 'ranking' ? { ...q, label: 'Wat wil je eerst?' } : q)))).statusCode).toBe(200)
  })
})
