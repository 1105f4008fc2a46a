import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { ErrorBodySchema } from '../../../src/shared/schemas/error'
import { SubmissionBatchResultSchema, type Submission } from '../../../src/shared/schemas/submission'
import { PublicResultsSchema } from '../../../src/shared/schemas/results'
import { findMunicipalitySettings, saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { countReceipts } from '../../../src/server/repos/submission-repo'
import { queryRows } from '../../../src/server/db/client'
import type { Answers } from '../../../src/shared/schemas/question'
import { createTestApp, type TestApp } from '../../support/test-app'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { questionResult, talliedResults } from '../../support/results'

const DAY = 24 * 60 * 60 * 1000
let t: TestApp
let itemId: string

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  itemId = await givenItem(t.db, t.clock.now)
})
afterEach(async () => t.close())

async function post(submissions: unknown) {
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions } })
  return res
}

async function postOk(submissions: Submission[]) {
  const res = await post(submissions)
  expect(res.statusCode, res.body).toBe(200)
  return SubmissionBatchResultSchema.parse(res.json()).results
}

async function results(id = itemId) {
  return talliedResults(t, id)
}

async function currentAnswerCount(id = itemId): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from current_answers where item_id = ${id}`)
  return row?.n ?? 0
}

describe('POST /api/submissions', () => {
  it('accepts a valid submission and counts it in the results', async () => {
    const s = aSubmission(itemId, { answers: { q1: 'ja', q2: ['a', 'b'], q3: 4, q4: 'Meer bankjes' } })
    expect(await postOk([s])).toEqual([{ id: s.id, status: 'accepted' }])
    const r = await results()
    expect(r.respondents).toBe(1)
    expect(questionResult(r, 'q1', 'single').counts).toEqual([
      { key: 'ja', count: 1 },
      { key: 'nee', count: 0 },
    ])
    expect(questionResult(r, 'q3', 'scale').mean).toBe(4)
  })

  it('stores a repeated submission once and answers duplicate', async () => {
    const s = aSubmission(itemId)
    expect((await postOk([s]))[0]?.status).toBe('accepted')
    expect((await postOk([s]))[0]?.status).toBe('duplicate')
    expect(await countReceipts(t.db, s.id)).toBe(1)
    expect((await results()).respondents).toBe(1)
  })

  it('stores one copy when the same id is posted in 25 parallel requests', async () => {
    const s = aSubmission(itemId)
    const all = await Promise.all(Array.from({ length: 25 }, () => postOk([s])))
    const statuses = all.map((r) => r[0]?.status)
    expect(statuses.filter((x) => x === 'accepted')).toHaveLength(1)
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(24)
    expect(await countReceipts(t.db, s.id)).toBe(1)
    expect((await results()).respondents).toBe(1)
  })

  it('answers each id once when one batch repeats it', async () => {
    const s = aSubmission(itemId)
    const r = await postOk([s, s])
    expect(r).toEqual([{ id: s.id, status: 'accepted' }])
  })

  it('replaces a device answer with a newer one and counts the device once', async () => {
    const deviceId = newDeviceId()
    const first = aSubmission(itemId, { deviceId, answeredAt: '2026-06-01T10:00:00Z', answers: { q1: 'ja' } })
    const second = aSubmission(itemId, { deviceId, answeredAt: '2026-06-01T11:00:00Z', answers: { q1: 'nee' } })
    await postOk([first])
    await postOk([second])
    const r = await results()
    expect(r.respondents).toBe(1)
    expect(questionResult(r, 'q1', 'single').counts).toEqual([
      { key: 'ja', count: 0 },
      { key: 'nee', count: 1 },
    ])
  })

  it('keeps the newer answer when an older one from the same device arrives late', async () => {
    const deviceId = newDeviceId()
    const newer = aSubmission(itemId, { deviceId, answeredAt: '2026-06-01T11:00:00Z', answers: { q1: 'nee' } })
    const older = aSubmission(itemId, { deviceId, answeredAt: '2026-06-01T10:00:00Z', answers: { q1: 'ja' } })
    await postOk([newer])
    expect((await postOk([older]))[0]?.status).toBe('accepted')
    const r = await results()
    expect(questionResult(r, 'q1', 'single').counts).toEqual([
      { key: 'ja', count: 0 },
      { key: 'nee', count: 1 },
    ])
  })

  it('counts devices, not posts', async () => {
    const a = newDeviceId()
    const b = newDeviceId()
    await postOk([
      aSubmission(itemId, { deviceId: a, answeredAt: '2026-06-01T09:00:00Z' }),
      aSubmission(itemId, { deviceId: a, answeredAt: '2026-06-01T10:00:00Z' }),
      aSubmission(itemId, { deviceId: b }),
    ])
    await postOk([aSubmission(itemId, { deviceId: a, answeredAt: '2026-06-01T11:00:00Z' })])
    expect((await results()).respondents).toBe(2)
    expect(await currentAnswerCount()).toBe(2)
  })

  it('rejects an answer to a closed item, but accepts a duplicate of one stored before closing', async () => {
    const early = aSubmission(itemId)
    await postOk([early])
    t.clock.advance(10 * DAY + 8 * DAY) // past closing and past the grace period
    const late = aSubmission(itemId, { answeredAt: t.clock.now.toISOString() })
    expect(await postOk([late, early])).toEqual([
      { id: late.id, status: 'rejected', reason: 'item_closed' },
      { id: early.id, status: 'duplicate' },
    ])
  })

  it('accepts an answer given before closing that arrives within the grace period', async () => {
    const answeredAt = new Date(t.clock.now.getTime() + 9 * DAY).toISOString() // still open then
    t.clock.advance(12 * DAY) // closed two days ago
    const s = aSubmission(itemId, { answeredAt })
    expect((await postOk([s]))[0]?.status).toBe('accepted')
  })

  it('uses the server clock: a device clock claiming an earlier time cannot reopen a long-closed item', async () => {
    t.clock.advance(30 * DAY)
    const s = aSubmission(itemId, { answeredAt: new Date(t.clock.now.getTime() - 25 * DAY).toISOString() })
    expect((await postOk([s]))[0]).toMatchObject({ status: 'rejected', reason: 'item_closed' })
  })

  it('rejects an unknown item without blocking the rest of the batch', async () => {
    const unknown = aSubmission(crypto.randomUUID())
    const good = aSubmission(itemId)
    expect(await postOk([unknown, good])).toEqual([
      { id: unknown.id, status: 'rejected', reason: 'item_unknown' },
      { id: good.id, status: 'accepted' },
    ])
    expect((await results()).respondents).toBe(1)
  })

  it('rejects answers that do not fit the questions, each with invalid_answers', async () => {
    const cases: Answers[] = [
      { q2: ['a'] }, // required q1 missing
      { q1: 'maybe' }, // unknown option
      { q1: 'ja', q2: ['a', 'b', 'c'] }, // more than max
      { q1: 'ja', q3: 9 }, // out of range
      { q1: 'ja', q4: 'x'.repeat(101) }, // too long
      { q1: 'ja', qx: 'extra' }, // unknown question
    ]
    const batch = cases.map((answers) => aSubmission(itemId, { answers }))
    const r = await postOk(batch)
    expect(r.every((x) => x.status === 'rejected' && x.reason === 'invalid_answers')).toBe(true)
    expect((await results()).respondents).toBe(0)
  })

  it('rejects answers to a table and to an item that has not opened', async () => {
    const table = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
    const later = await givenItem(t.db, t.clock.now, { opensAt: new Date(t.clock.now.getTime() + DAY) })
    const r = await postOk([aSubmission(table, { answers: {} }), aSubmission(later)])
    expect(r.map((x) => x.reason)).toEqual(['not_answerable', 'item_not_open'])
  })

  it('answers 400 with the error body for malformed JSON and wrong types', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { 'content-type': 'application/json' },
      payload: '{"submissions": [',
    })
    expect(bad.statusCode).toBe(400)
    expect(ErrorBodySchema.parse(bad.json()).error.code).toBe('bad_request')
    for (const submissions of [[{ ...aSubmission(itemId), id: 'not-a-uuid' }], [{ ...aSubmission(itemId), answers: 'ja' }], 'x', [], [{ ...aSubmission(itemId), deviceId: 'short' }]]) {
      const res = await post(submissions)
      expect(res.statusCode, JSON.stringify(submissions).slice(0, 80)).toBe(400)
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('bad_request')
    }
  })

  it('answers 413 for more than 500 submissions or more than 256 KiB', async () => {
    const many = Array.from({ length: 501 }, () => aSubmission(itemId))
    const tooMany = await post(many)
    expect(tooMany.statusCode).toBe(413)
    expect(ErrorBodySchema.parse(tooMany.json()).error.code).toBe('payload_too_large')
    const big = await post([aSubmission(itemId, { answers: { q1: 'ja', q4: 'x'.repeat(300 * 1024) } })])
    expect(big.statusCode).toBe(413)
    expect(ErrorBodySchema.parse(big.json()).error.code).toBe('payload_too_large')
  })

  it('answers 415 for a body that is not JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/submissions', headers: { 'content-type': 'text/plain' }, payload: 'hallo' })
    expect(res.statusCode).toBe(415)
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('unsupported_media_type')
  })

  it('never stores the device id itself', async () => {
    const s = aSubmission(itemId)
    await postOk([s])
    const rows = await queryRows<{ device_key: string }>(t.db, sql`select device_key from current_answers union all select device_key from submission_receipts`)
    for (const row of rows) expect(row.device_key).not.toContain(s.deviceId)
  })
})

describe('GET /api/items/:id/results', () => {
  it('does not publish text answers, only how many answered', async () => {
    await postOk([aSubmission(itemId, { answers: { q1: 'ja', q4: 'Mijn buurman Jan is lastig' } }), ...[1, 2, 3, 4].map(() => aSubmission(itemId, { answers: { q1: 'nee' } }))])
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })
    expect(res.body).not.toContain('Jan')
    const shown = PublicResultsSchema.parse(res.json())
    if (!shown.enoughAnswers) throw new Error('expected results from 5 devices')
    expect(shown.questions.find((q) => q.questionId === 'q4')).toEqual({ questionId: 'q4', type: 'text', answered: 1 })
  })

  it('shows no counts, not even how many answered, while fewer than 5 devices answered', async () => {
    await postOk([1, 2, 3, 4].map(() => aSubmission(itemId, { answers: { q1: 'ja' } })))
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ itemId, enoughAnswers: false, minRespondents: 5 })
  })

  it('shows the counts from the fifth device on, with the minimum they were shown at', async () => {
    await postOk([1, 2, 3, 4, 5].map(() => aSubmission(itemId, { answers: { q1: 'ja' } })))
    const shown = PublicResultsSchema.parse((await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json())
    expect(shown).toMatchObject({ enoughAnswers: true, minRespondents: 5, respondents: 5 })
  })

  it('uses a higher minimum set by the municipality', async () => {
    const settings = await findMunicipalitySettings(t.db, 'beverwijk')
    await saveMunicipalitySettings(t.db, 'beverwijk', { ...settings!, resultsMinDevices: 8 })
    await postOk([1, 2, 3, 4, 5, 6, 7].map(() => aSubmission(itemId, { answers: { q1: 'ja' } })))
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json()).toEqual({ itemId, enoughAnswers: false, minRespondents: 8 })
    await postOk([aSubmission(itemId, { answers: { q1: 'nee' } })])
    expect(PublicResultsSchema.parse((await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json())).toMatchObject({ enoughAnswers: true, minRespondents: 8, respondents: 8 })
  })

  it('never goes below 5 devices, even when a stored setting says less', async () => {
    await t.db.execute(sql`update municipalities set settings = jsonb_set(settings, '{resultsMinDevices}', '2') where slug = 'beverwijk'`)
    await postOk([1, 2, 3].map(() => aSubmission(itemId, { answers: { q1: 'ja' } })))
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${itemId}/results` })).json()).toMatchObject({ enoughAnswers: false, minRespondents: 5 })
  })

  it('gives the scale distribution and mean', async () => {
    await postOk([1, 2, 2, 5].map((v) => aSubmission(itemId, { answers: { q1: 'ja', q3: v } })))
    const q3 = questionResult(await results(), 'q3', 'scale')
    expect(q3.counts).toEqual([
      { key: '1', count: 1 },
      { key: '2', count: 2 },
      { key: '3', count: 0 },
      { key: '4', count: 0 },
      { key: '5', count: 1 },
    ])
    expect(q3.mean).toBe(2.5)
    expect(q3.answered).toBe(4)
  })

  it('refuses with 403 while results are hidden until closing, and shows them after', async () => {
    const hidden = await givenItem(t.db, t.clock.now, { resultsVisibility: 'after_close' })
    const early = await t.app.inject({ method: 'GET', url: `/api/items/${hidden}/results` })
    expect([early.statusCode, early.json().error.code]).toEqual([403, 'results_not_public'])
    t.clock.advance(11 * DAY)
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${hidden}/results` })).statusCode).toBe(200)
  })

  it('answers 404 for an unknown item', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${crypto.randomUUID()}/results` })
    expect(res.statusCode).toBe(404)
  })
})
