import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccountabilitySchema, FeedbackFiguresSchema } from '../../../src/shared/schemas/accountability'
import { InboxSchema } from '../../../src/shared/schemas/inbox'
import { ItemSchema } from '../../../src/shared/schemas/item'
import { publishFeedback } from '../../../src/server/repos/feedback-repo'
import { closeItemNow } from '../../../src/server/repos/managed-item-repo'
import { ErrorBodySchema } from '../../../src/shared/schemas/error'
import { createTestApp, type TestApp } from '../../support/test-app'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'

const DAY = 86_400_000
let t: TestApp
let s: Session

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk')
  s = await signIn(t.app, 'official@beverwijk.nl')
})
afterEach(async () => t.close())

/** Signs in afresh: these tests move the clock by days, past the session's idle timeout. */
async function postFeedback(itemId: string, body: object) {
  s = await signIn(t.app, 'official@beverwijk.nl')
  const res = await t.app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: s.headers, payload: body })
  return res
}
const publicItem = async (id: string) => ItemSchema.parse((await t.app.inject({ method: 'GET', url: `/api/items/${id}` })).json())
const inbox = async (deviceId: string, since?: string) =>
  InboxSchema.parse((await t.app.inject({ method: 'GET', url: `/api/devices/${deviceId}/inbox${since ? `?since=${since}` : ''}` })).json())

async function answerAs(deviceId: string, itemId: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { deviceId, answeredAt: t.clock.now.toISOString() })] } })
  expect(res.json().results[0].status).toBe('accepted')
}

describe('POST /api/items/:id/feedback', () => {
  it('publishes feedback that residents see on the item', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const res = await postFeedback(itemId, { outcome: 'adopted', summary: 'Er komt een jongerenavond.', decisionUrl: 'https://beverwijk.nl/besluit/12' })
    expect(res.statusCode, res.body).toBe(201)
    const item = await publicItem(itemId)
    expect(item.feedback).toEqual([expect.objectContaining({ outcome: 'adopted', summary: 'Er komt een jongerenavond.', decisionUrl: 'https://beverwijk.nl/besluit/12' })])
  })

  it('requires a reason for partly and not adopted outcomes', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    for (const outcome of ['partly_adopted', 'not_adopted']) {
      const res = await postFeedback(itemId, { outcome, summary: 'We doen het niet helemaal.' })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.message).toMatch(/reason/)
    }
    const ok = await postFeedback(itemId, { outcome: 'not_adopted', summary: 'We doen het niet.', reason: 'Er is geen geld voor in 2027.' })
    expect(ok.statusCode).toBe(201)
    expect((await publicItem(itemId)).feedback[0]?.reason).toBe('Er is geen geld voor in 2027.')
  })

  it('requires a reason per recommendation that is not adopted', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { kind: 'table', questions: [] })
    const body = { outcome: 'adopted', summary: 'Dit doen we met het advies van de tafel.', recommendations: [{ recommendation: 'Eén loket', outcome: 'not_adopted' }] }
    expect((await postFeedback(itemId, body)).statusCode).toBe(400)
    body.recommendations[0] = { ...body.recommendations[0]!, reason: 'Dat regelen we regionaal.' } as never
    expect((await postFeedback(itemId, body)).statusCode).toBe(201)
  })

  it('corrects an entry openly: the original stays, marked as corrected by the new one', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    await postFeedback(itemId, { outcome: 'adopted', summary: 'Er komt een jongerenavond.' })
    const original = (await publicItem(itemId)).feedback[0]!
    t.clock.advance(1000)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/feedback/${original.id}/correction`,
      headers: s.headers,
      payload: { outcome: 'partly_adopted', summary: 'De avond komt eens per twee maanden.', reason: 'Er zijn minder vrijwilligers.' },
    })
    expect(res.statusCode, res.body).toBe(201)
    const feedback = (await publicItem(itemId)).feedback
    expect(feedback).toHaveLength(2)
    expect(feedback[0]).toMatchObject({ id: original.id, summary: 'Er komt een jongerenavond.', correctedById: feedback[1]!.id })
    expect(feedback[1]).toMatchObject({ correctsId: original.id, outcome: 'partly_adopted' })
    const again = await t.app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback/${original.id}/correction`, headers: s.headers, payload: { outcome: 'adopted', summary: 'Toch wel elke maand.' } })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'feedback_already_corrected'])
  })

  it('refuses feedback on a draft (409) and on another municipality’s item (404)', async () => {
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    const onDraft = await postFeedback(draft, { outcome: 'in_progress', summary: 'We lezen alles.' })
    expect([onDraft.statusCode, onDraft.json().error.code]).toEqual([409, 'item_not_published'])
    const other = await givenItem(t.db, t.clock.now, { municipality: 'velsen' })
    expect((await postFeedback(other, { outcome: 'in_progress', summary: 'We lezen alles.' })).statusCode).toBe(404)
  })
})

describe('GET /api/devices/:deviceId/inbox', () => {
  it('gives a device the feedback and closing of items it answered, and nothing of items it did not', async () => {
    const answered = await givenItem(t.db, t.clock.now, { closesAt: new Date(t.clock.now.getTime() + DAY) })
    const notAnswered = await givenItem(t.db, t.clock.now)
    const device = newDeviceId()
    await answerAs(device, answered)
    const start = await inbox(device)
    expect(start.entries).toEqual([])

    t.clock.advance(2 * DAY)
    expect((await postFeedback(answered, { outcome: 'adopted', summary: 'We doen wat jullie vroegen.' })).statusCode).toBe(201)
    await postFeedback(notAnswered, { outcome: 'in_progress', summary: 'We lezen nog alles door.' })
    const next = await inbox(device, start.cursor)
    expect(next.entries.map((e) => [e.kind, 'itemId' in e ? e.itemId : null])).toEqual([
      ['closed', answered],
      ['feedback', answered],
    ])
    expect(await inbox(device, next.cursor)).toMatchObject({ entries: [] })
  })

  it('returns feedback and a closing committed after the cursor, even when they were stamped before it', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const device = newDeviceId()
    await answerAs(device, itemId)
    const officialId = await givenOfficial(t.db, 'beverwijk', 'official', 'late@beverwijk.nl')
    // A transaction that took its time: stamped at `stampedAt`, committed after the device read its cursor.
    const stampedAt = t.clock.now
    t.clock.advance(1000)
    const start = await inbox(device)
    await publishFeedback(t.db, { itemId, officialId, entry: { outcome: 'in_progress', summary: 'We lezen alles.' } }, stampedAt)
    await closeItemNow(t.db, itemId, stampedAt)
    const next = await inbox(device, start.cursor)
    expect(next.entries.map((e) => e.kind).sort()).toEqual(['closed', 'feedback'])
    expect(await inbox(device, next.cursor)).toMatchObject({ entries: [] })
  })

  it('answers 400 to a since value it never handed out, and reads everything again for a cursor of the earlier version', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const device = newDeviceId()
    await answerAs(device, itemId)
    await postFeedback(itemId, { outcome: 'in_progress', summary: 'We lezen alles.' })
    for (const since of ['999999999999999', 'abc', '2_zz_zz_0_0']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/devices/${device}/inbox?since=${since}` })
      expect(res.statusCode, since).toBe(400)
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('bad_request')
    }
    const legacy = await inbox(device, String(t.clock.now.getTime() + 60_000))
    expect(legacy.entries.map((e) => e.kind)).toEqual(['feedback'])
  })

  it('answers an unknown device id with an empty inbox, exactly like a device without news', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/devices/${newDeviceId()}/inbox` })
    expect(res.statusCode).toBe(200)
    expect(InboxSchema.parse(res.json()).entries).toEqual([])
  })

  it('refuses a device id that is too short to be a secret (400)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/devices/abc/inbox' })).statusCode).toBe(400)
  })

  it('rate-limits one address guessing device ids (429)', async () => {
    let last = 0
    for (let i = 0; i < 125; i++) last = (await t.app.inject({ method: 'GET', url: `/api/devices/${newDeviceId()}/inbox` })).statusCode
    expect(last).toBe(429)
  })
})

describe('feedback accountability', () => {
  /**
   * Hand-computed fixture: four closed items (closed 20, 10, 10 and 5 days ago) and one open one.
   * Feedback 4 days after closing, 2 days after closing, and one before closing (counts 0 days);
   * the fourth has none. Share = 3/4 = 0.75; days = [4, 2, 0] -> median 2.
   */
  it('computes the share of closed items with feedback and the median days to first feedback', async () => {
    const now = t.clock.now.getTime()
    const at = (days: number) => new Date(now + days * DAY)
    const a = await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-20), feedbackDueAt: at(-10) })
    const b = await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-10), feedbackDueAt: at(5) })
    const c = await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-10), feedbackDueAt: at(20) })
    await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-5), feedbackDueAt: at(-1), title: 'Zonder terugkoppeling' })
    await givenItem(t.db, t.clock.now, { closesAt: at(3), feedbackDueAt: at(10), title: 'Nog open' })

    t.clock.set(at(-16))
    await postFeedback(a, { outcome: 'adopted', summary: 'We doen het helemaal.' })
    t.clock.set(at(-12))
    await postFeedback(c, { outcome: 'in_progress', summary: 'We zijn ermee bezig.' })
    t.clock.set(at(-8))
    await postFeedback(b, { outcome: 'in_progress', summary: 'We zijn ermee bezig.' })
    t.clock.set(new Date(now))

    const figures = FeedbackFiguresSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/feedback-figures' })).json())
    expect(figures).toEqual({ closedItems: 4, closedWithFeedback: 3, shareWithFeedback: 0.75, medianDaysToFirstFeedback: 2, signals: { responded: 0, respondedOnTime: 0, overdue: 0 } })
    const other = FeedbackFiguresSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/velsen/feedback-figures' })).json())
    expect(other).toEqual({ closedItems: 0, closedWithFeedback: 0, shareWithFeedback: null, medianDaysToFirstFeedback: null, signals: { responded: 0, respondedOnTime: 0, overdue: 0 } })
  })

  it('lists items whose feedback is overdue or due within 14 days, without feedback, overdue first', async () => {
    const now = t.clock.now.getTime()
    const at = (days: number) => new Date(now + days * DAY)
    await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-20), feedbackDueAt: at(-2), title: 'Te laat' })
    await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-1), feedbackDueAt: at(10), title: 'Binnenkort' })
    await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-1), feedbackDueAt: at(30), title: 'Later' })
    const done = await givenItem(t.db, t.clock.now, { opensAt: at(-40), closesAt: at(-20), feedbackDueAt: at(-3), title: 'Al gedaan' })
    await postFeedback(done, { outcome: 'adopted', summary: 'We hebben het gedaan.' })
    const res = AccountabilitySchema.parse((await t.app.inject({ method: 'GET', url: '/api/official/accountability', headers: s.headers })).json())
    expect(res.due.map((d) => [d.title, d.overdue])).toEqual([
      ['Te laat', true],
      ['Binnenkort', false],
    ])
  })
})

describe('corrections under concurrency (review finding)', () => {
  it('accepts one of two simultaneous corrections of the same entry and answers 409 to the other', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    await postFeedback(itemId, { outcome: 'adopted', summary: 'Er komt een jongerenavond.' })
    const original = (await publicItem(itemId)).feedback[0]!
    const correct = (summary: string) =>
      t.app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback/${original.id}/correction`, headers: s.headers, payload: { outcome: 'in_progress', summary } })
    const [a, b] = await Promise.all([correct('Eerste correctie van het bericht.'), correct('Tweede correctie van het bericht.')])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe('feedback_already_corrected')
    expect((await publicItem(itemId)).feedback).toHaveLength(2)
  })
})
