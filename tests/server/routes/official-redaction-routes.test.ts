import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { TextAnswerPageSchema } from '../../../src/shared/schemas/input'
import type { Submission } from '../../../src/shared/schemas/submission'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { questionResult, talliedResults } from '../../support/results'
import { createTestApp, type TestApp } from '../../support/test-app'

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

const PERSONAL = 'Meer licht bij de school. Bel me op 06-12345678 als het af is.'

async function answer(overrides: Partial<Submission>): Promise<Submission> {
  const sub = aSubmission(itemId, { answeredAt: t.clock.now.toISOString(), ...overrides })
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [sub] } })
  expect(res.json().results[0].status).toBe('accepted')
  return sub
}

const redact = (submissionId: string, body: unknown, headers = s.headers) =>
  t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${submissionId}/redact`, headers, payload: body as object })

const textAnswers = async () => TextAnswerPageSchema.parse((await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/answers`, headers: s.headers })).json()).answers

const storedAnswers = async (submissionId: string) =>
  (await queryRows<{ answers: Record<string, unknown> }>(t.db, sql`select answers from current_answers where submission_id = ${submissionId}`))[0]?.answers

describe('flags for officials', () => {
  it('marks what looks like personal data in the text-answer list, with where it is', async () => {
    await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    await answer({ answers: { q1: 'nee', q4: 'Meer bankjes' } })
    const list = await textAnswers()
    const flagged = list.find((a) => a.text === PERSONAL)
    expect(flagged?.personalData).toEqual([{ kind: 'phone', start: PERSONAL.indexOf('06'), end: PERSONAL.indexOf('06') + '06-12345678'.length }])
    expect(list.find((a) => a.text === 'Meer bankjes')?.personalData).toEqual([])
  })
})

describe('POST /api/official/items/:id/answers/:submissionId/redact', () => {
  it('replaces the selected part of one text answer by [verwijderd] and keeps the rest of the answer and submission counted and exported', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    const start = PERSONAL.indexOf('06-12345678')
    const res = await redact(sub.id, { questionId: 'q4', part: { start, end: start + 11, text: '06-12345678' } })
    expect(res.statusCode, res.body).toBe(200)
    const redacted = 'Meer licht bij de school. Bel me op [verwijderd] als het af is.'
    expect(res.json()).toEqual({ text: redacted })

    expect(await storedAnswers(sub.id)).toEqual({ q1: 'ja', q4: redacted })
    const results = await talliedResults(t, itemId)
    expect(results.respondents).toBe(1)
    expect(questionResult(results, 'q1', 'single').counts).toEqual([{ key: 'ja', count: 1 }, { key: 'nee', count: 0 }])
    expect(questionResult(results, 'q4', 'text').answered).toBe(1)
    const csv = (await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/export?format=csv`, headers: s.headers })).body
    expect(csv).toContain(redacted)
    expect(csv).not.toContain('12345678')
    expect((await textAnswers())[0]).toMatchObject({ text: redacted, hidden: false, personalData: [] })
  })

  it('replaces the whole answer when no part is given', async () => {
    const sub = await answer({ answers: { q1: 'nee', q4: PERSONAL } })
    const res = await redact(sub.id, { questionId: 'q4' })
    expect(res.json()).toEqual({ text: '[verwijderd]' })
    expect(await storedAnswers(sub.id)).toEqual({ q1: 'nee', q4: '[verwijderd]' })
  })

  it('audits who removed how much from which answer, never the removed text', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    const start = PERSONAL.indexOf('06-12345678')
    await redact(sub.id, { questionId: 'q4', part: { start, end: start + 11, text: '06-12345678' } })
    const rows = await queryRows<{ action: string; details: Record<string, unknown> }>(t.db, sql`select action, details from audit_log where action = 'answer.redact'`)
    expect(rows).toEqual([{ action: 'answer.redact', details: { submissionId: sub.id, questionId: 'q4', part: 'selection', removedCharacters: 11 } }])
    const everything = await queryRows<{ all: string }>(t.db, sql`select string_agg(details::text, ' ') as all from audit_log`)
    expect(everything[0]?.all).not.toContain('12345678')
  })

  it('refuses a part that no longer reads as the official saw it (409) and changes nothing', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    const res = await redact(sub.id, { questionId: 'q4', part: { start: 0, end: 4, text: 'Bel ' } })
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'redaction_outdated'])
    expect((await storedAnswers(sub.id))?.q4).toBe(PERSONAL)
  })

  it('refuses a part that does not fit its own text, a part beyond the answer, and unknown fields (400)', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    for (const body of [
      { questionId: 'q4', part: { start: 0, end: 10, text: 'Meer' } },
      { questionId: 'q4', part: { start: 5, end: 5, text: '' } },
      { questionId: 'q4', whole: true },
      {},
    ]) {
      const res = await redact(sub.id, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
    }
    const beyond = await redact(sub.id, { questionId: 'q4', part: { start: PERSONAL.length, end: PERSONAL.length + 3, text: 'abc' } })
    expect(beyond.statusCode).toBe(409)
    expect((await storedAnswers(sub.id))?.q4).toBe(PERSONAL)
  })

  it('answers 404 for a question that is not free text, an answer without text, or another item', async () => {
    const sub = await answer({ answers: { q1: 'ja' } })
    expect((await redact(sub.id, { questionId: 'q1' })).statusCode).toBe(404)
    expect((await redact(sub.id, { questionId: 'q4' })).statusCode).toBe(404)
    expect((await redact(crypto.randomUUID(), { questionId: 'q4' })).statusCode).toBe(404)
  })

  it('refuses a change without the CSRF token', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    const res = await redact(sub.id, { questionId: 'q4' }, { cookie: s.cookie })
    expect(res.statusCode).toBe(403)
    expect((await storedAnswers(sub.id))?.q4).toBe(PERSONAL)
  })

  it('keeps the existing hide working next to a redaction', async () => {
    const sub = await answer({ answers: { q1: 'ja', q4: PERSONAL } })
    await redact(sub.id, { questionId: 'q4' })
    const hide = await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${sub.id}/hide`, headers: s.headers, payload: { reason: 'insulting' } })
    expect(hide.statusCode).toBe(200)
    expect((await talliedResults(t, itemId)).respondents).toBe(0)
    expect((await textAnswers())[0]).toMatchObject({ text: '[verwijderd]', hidden: true, hiddenReason: 'insulting' })
  })
})
