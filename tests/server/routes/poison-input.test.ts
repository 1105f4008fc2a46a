import type { LightMyRequestResponse } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ItemDraft } from '../../../src/shared/schemas/item-draft'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { anItemDraft, aSubmission, givenItem, newDeviceId, pollQuestions } from '../../support/factories'
import type { Session } from '../../support/officials'
import { anAssignment, aSignup, createTableTestApp } from '../../support/tables'
import type { TestApp } from '../../support/test-app'

/**
 * Values that pass a plain `z.string()` or `z.iso.datetime()` but that PostgreSQL cannot store
 * (text and jsonb refuse U+0000 and unpaired surrogates; timestamps refuse year 0 and extended
 * years). The contract refuses them as invalid input: a 4xx with the error body, never a 500.
 */
const POISON_STRINGS = { nul: 'Hallo\u0000daar', loneHigh: 'Hallo \ud800 daar', loneLow: 'Hallo \udc00 daar' }
const POISON_DATES = { year0000: '0000-01-01T00:00:00Z', year1999: '1999-12-31T23:59:59Z', year2101: '2101-01-01T00:00:00Z', extendedYear: '+020000-01-01T00:00:00Z' }

let t: TestApp
let s: Session
let tableId: string

beforeEach(async () => {
  ;({ t, s, tableId } = await createTableTestApp())
})
afterEach(async () => t.close())

function expectRefused(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(400)
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500)
  expect(res.json().error.code, what).toEqual(expect.any(String))
}

const draft = (overrides: Partial<ItemDraft> = {}): ItemDraft => anItemDraft(t.clock.now, overrides)

/** Every string field of an item draft that ends up in the database, each set to `bad`. */
function poisonedDrafts(bad: string): [string, ItemDraft][] {
  const q = pollQuestions
  return [
    ['title', draft({ title: bad })],
    ['summary', draft({ summary: bad })],
    ['body', draft({ body: bad })],
    ['theme', draft({ theme: bad })],
    ['question label', draft({ questions: q.map((x, i) => (i === 0 ? { ...x, label: bad } : x)) })],
    ['option label', draft({ questions: q.map((x, i) => (i === 0 ? { ...x, options: [{ id: 'ja', label: bad }, { id: 'nee', label: 'Nee' }] } : x)) })],
    ['scale end label', draft({ questions: q.map((x) => (x.type === 'scale' ? { ...x, minLabel: bad } : x)) })],
  ]
}

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers })

describe('poisoned strings and dates are refused as invalid input, never a 500', () => {
  it('refuses them in submissions: a text answer rejects only its submission, profile and date refuse the request', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const answeredAt = t.clock.now.toISOString()
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      const good = aSubmission(itemId, { answeredAt })
      const poisoned = aSubmission(itemId, { answeredAt, answers: { q1: 'ja', q4: bad } })
      const res = await post('/api/submissions', { submissions: [good, poisoned] })
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(200)
      expect(res.json().results, kind).toEqual([
        { id: good.id, status: 'accepted' },
        { id: poisoned.id, status: 'rejected', reason: 'invalid_answers', issues: [{ questionId: 'q4', problem: 'unsafe_text' }] },
      ])
      expectRefused(await post('/api/submissions', { submissions: [aSubmission(itemId, { answeredAt, profile: { area: bad } })] }), `profile area ${kind}`)
      const badOption = aSubmission(itemId, { answeredAt, answers: { q1: bad, q2: ['a', bad] } })
      const optionRes = await post('/api/submissions', { submissions: [badOption] })
      expect(optionRes.json().results, `option answer ${kind}`).toEqual([
        {
          id: badOption.id,
          status: 'rejected',
          reason: 'invalid_answers',
          issues: [
            { questionId: 'q1', problem: 'unknown_option' },
            { questionId: 'q2', problem: 'unknown_option' },
          ],
        },
      ])
    }
    for (const [kind, bad] of Object.entries(POISON_DATES)) {
      expectRefused(await post('/api/submissions', { submissions: [aSubmission(itemId, { answeredAt: bad })] }), `answeredAt ${kind}`)
    }
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      expectRefused(await post('/api/submissions', { submissions: [aSubmission(itemId, { answeredAt, itemId: `${itemId.slice(0, -1)}${bad}` })] }), `item id ${kind}`)
      expectRefused(await post('/api/submissions', { submissions: [aSubmission(itemId, { answeredAt, deviceId: `${newDeviceId()}${bad}` })] }), `device id ${kind}`)
      expectRefused(await post('/api/submissions', { submissions: [aSubmission(itemId, { answeredAt, id: `${crypto.randomUUID().slice(0, -1)}${bad}` })] }), `submission id ${kind}`)
    }
    expectRefused(await t.app.inject({ method: 'GET', url: `/api/devices/${newDeviceId()}%00/inbox` }), 'device id with %00 in the inbox path')
    expectRefused(await t.app.inject({ method: 'GET', url: `/api/items/${itemId.slice(0, -1)}%00` }), 'item id with %00 in the path')
  })

  it('refuses them in table sign-ups and interests', async () => {
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      for (const field of ['name', 'area', 'motivation', 'accessibilityNeeds', 'consentVersion'] as const) {
        expectRefused(await post('/api/table-signups', { signups: [aSignup(tableId, { [field]: bad })] }), `sign-up ${field} ${kind}`)
      }
      const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
      for (const [field, value] of [['name', bad], ['area', bad], ['themes', ['meedoen', bad]]] as const) {
        expectRefused(await post('/api/interests', { interests: [{ ...interest, [field]: value }] }), `interest ${field} ${kind}`)
      }
    }
  })

  it('refuses them in official item drafts, on create and on edit', async () => {
    const created = await post('/api/official/items', draft(), s.headers)
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as string
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      for (const [field, body] of poisonedDrafts(bad)) {
        expectRefused(await post('/api/official/items', body, s.headers), `create ${field} ${kind}`)
        expectRefused(await t.app.inject({ method: 'PUT', url: `/api/official/items/${id}`, headers: s.headers, payload: body }), `edit ${field} ${kind}`)
      }
    }
    for (const [kind, bad] of Object.entries(POISON_DATES)) {
      expectRefused(await post('/api/official/items', draft({ opensAt: bad }), s.headers), `create opensAt ${kind}`)
      expectRefused(await t.app.inject({ method: 'PUT', url: `/api/official/items/${id}`, headers: s.headers, payload: draft({ feedbackDueAt: bad }) }), `edit feedbackDueAt ${kind}`)
    }
  })

  it('refuses them in a table assignment (meeting place and times), advice and draw seed', async () => {
    const now = t.clock.now
    const put = (assignment: unknown) => t.app.inject({ method: 'PUT', url: `/api/official/items/${tableId}/table`, headers: s.headers, payload: { assignment } as object })
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      const a = anAssignment(now)
      expectRefused(await put({ ...a, meetings: [{ ...a.meetings[0], place: bad }] }), `meeting place ${kind}`)
      expectRefused(await put({ ...a, question: `Een vraag van genoeg lengte ${bad}` }), `assignment question ${kind}`)
      expectRefused(await put({ ...a, targets: { area: { [bad]: 1 } } }), `target area ${kind}`)
      expectRefused(await post(`/api/official/items/${tableId}/advice`, { text: `Een advies van genoeg lengte ${bad}` }, s.headers), `advice ${kind}`)
      expectRefused(await post(`/api/official/items/${tableId}/draw`, { seed: `zaadje-${bad}` }, s.headers), `draw seed ${kind}`)
    }
    for (const [kind, bad] of Object.entries(POISON_DATES)) {
      const a = anAssignment(now)
      expectRefused(await put({ ...a, meetings: [{ ...a.meetings[0], startsAt: bad }] }), `meeting startsAt ${kind}`)
      expectRefused(await put({ ...a, adviceDueAt: bad }), `adviceDueAt ${kind}`)
    }
  })

  it('refuses them in feedback and its corrections', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const ok = { outcome: 'not_adopted', summary: 'We doen het anders dan gevraagd.', reason: 'Het budget is al verdeeld.' }
    const first = await post(`/api/items/${itemId}/feedback`, ok, s.headers)
    expect(first.statusCode, first.body).toBe(201)
    const feedbackId = first.json().id as string
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      for (const [field, body] of [
        ['summary', { ...ok, summary: `Een samenvatting ${bad}` }],
        ['body', { ...ok, body: bad }],
        ['reason', { ...ok, reason: `Een reden van lengte ${bad}` }],
        ['recommendation', { ...ok, recommendations: [{ recommendation: `Advies ${bad}`, outcome: 'adopted' }] }],
      ] as const) {
        expectRefused(await post(`/api/items/${itemId}/feedback`, body, s.headers), `feedback ${field} ${kind}`)
        expectRefused(await post(`/api/items/${itemId}/feedback/${feedbackId}/correction`, body, s.headers), `correction ${field} ${kind}`)
      }
    }
  })

  it('refuses them in the officials\' text answer search and sign-in', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    // In a URL a lone surrogate cannot be sent as such (browsers send U+FFFD); U+0000 can, as %00.
    for (const param of ['search', 'question']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/answers?${param}=Hallo%00daar`, headers: s.headers })
      expectRefused(res, `answers ${param} with %00`)
      const surrogate = await t.app.inject({ method: 'GET', url: `/api/official/items/${itemId}/answers?${param}=Hallo%ED%A0%80daar`, headers: s.headers })
      expect(surrogate.statusCode, `answers ${param} with an encoded surrogate: ${surrogate.body}`).toBeLessThan(500)
    }
    for (const [kind, bad] of Object.entries(POISON_STRINGS)) {
      expectRefused(await post('/api/auth/login', { email: 'official@beverwijk.nl', password: bad }), `password ${kind}`)
    }
  })

  it('refuses cursors whose time lies outside the years 2000-2100', async () => {
    const deviceId = newDeviceId()
    for (const since of ['999999999999999', '4133980800000']) {
      expectRefused(await t.app.inject({ method: 'GET', url: `/api/devices/${deviceId}/inbox?since=${since}` }), `inbox since ${since}`)
    }
    // A cursor of today's format whose read time lies past 2100 was never handed out.
    const feed = await t.app.inject({ method: 'GET', url: '/api/items?municipality=beverwijk' })
    const [version, , ...snapshot] = (feed.json() as { cursor: string }).cursor.split('_')
    const farFuture = [version, (999999999999999).toString(36), ...snapshot].join('_')
    expectRefused(await t.app.inject({ method: 'GET', url: `/api/items?municipality=beverwijk&since=${farFuture}` }), 'item feed since')
    // A cursor of the earlier format is read as "start again" (the client merges by id), never a 500.
    const legacy = await t.app.inject({ method: 'GET', url: `/api/items?municipality=beverwijk&since=1_${(999999999999999).toString(36)}` })
    expect(legacy.statusCode).toBeLessThan(500)
  })
})
