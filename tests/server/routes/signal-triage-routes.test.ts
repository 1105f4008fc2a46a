import { and, eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, meetingTopics, pushDeliveries, signals } from '../../../src/server/db/schema'
import { followItems, putPushSubscription } from '../../../src/server/repos/push-repo'
import { statusOfCode, type ErrorCode } from '../../../src/shared/error-codes'
import { AccountabilitySchema, FeedbackFiguresSchema } from '../../../src/shared/schemas/accountability'
import { InboxSchema } from '../../../src/shared/schemas/inbox'
import { SignalDetailSchema, SignalListSchema } from '../../../src/shared/schemas/signal-triage'
import { declaredErrorCodes } from '../../support/declared-errors'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { givenMeeting, givenPublishedSignal, givenSignal } from '../../support/signals'
import { createTestApp, type TestApp } from '../../support/test-app'

const DAY = 86_400_000
const REASON = 'Dit gaat over een weg van de provincie. Wij hebben de provincie gevraagd ernaar te kijken.'
const RESPONSE = 'We leggen de tegels bij de school deze maand opnieuw.'

let t: TestApp
let official: Session
let council: Session
let otherOfficial: Session

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'official', 'a@beverwijk.nl')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'official', 'b@velsen.nl')
  official = await signIn(t.app, 'a@beverwijk.nl')
  council = await signIn(t.app, 'raad@beverwijk.nl')
  otherOfficial = await signIn(t.app, 'b@velsen.nl')
})
afterAll(async () => t.close())

const post = (s: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: s.headers, payload })
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers })
const setStatus = (s: Session, id: string, body: object) => post(s, `/api/official/signals/${id}/status`, body)
const inbox = (deviceId: string, since?: string) =>
  t.app.inject({ method: 'GET', url: `/api/me/inbox${since ? `?since=${encodeURIComponent(since)}` : ''}`, headers: { authorization: `Device ${deviceId}` } })

function expectRefusal(res: LightMyRequestResponse, code: ErrorCode): void {
  expect(res.json().error.code, res.body).toBe(code)
  expect(res.statusCode).toBe(statusOfCode(code))
  expect(declaredErrorCodes(res.raw.req.method!, res.raw.req.url!, res.statusCode)).toContain(code)
}

async function statusOf(id: string) {
  const [row] = await t.db.select({ status: signals.status, reason: signals.statusReason, response: signals.response, respondedAt: signals.respondedAt }).from(signals).where(eq(signals.id, id))
  return row!
}

describe('the status flow of a signal', () => {
  it('moves received -> considering -> on_agenda (with a link) -> answered (with a response), each step audited', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    const entryItem = await givenItem(t.db, t.clock.now)
    expect((await setStatus(official, id, { status: 'considering' })).statusCode).toBe(200)
    const onAgenda = await setStatus(official, id, { status: 'on_agenda', link: { kind: 'item', id: entryItem } })
    expect(onAgenda.statusCode, onAgenda.body).toBe(200)
    expect(SignalDetailSchema.parse(onAgenda.json()).signal).toMatchObject({ status: 'on_agenda', itemId: entryItem })
    const answered = await post(official, `/api/official/signals/${id}/response`, { status: 'answered', response: RESPONSE })
    expect(answered.statusCode, answered.body).toBe(200)
    expect(SignalDetailSchema.parse(answered.json()).signal).toMatchObject({ status: 'answered', response: RESPONSE, overdue: false })
    expect((await statusOf(id)).respondedAt).toEqual(t.clock.now)
    const audit = await t.db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.municipality, 'beverwijk'))
    const steps = audit.filter((a) => (a.details as { signalId?: string }).signalId === id).map((a) => [a.action, (a.details as { to: string }).to])
    expect(steps).toEqual([
      ['signal.status', 'considering'],
      ['signal.status', 'on_agenda'],
      ['signal.respond', 'answered'],
    ])
  })

  it('refuses not taken up without a reason, or with a reason shorter than 20 characters, and keeps the status', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    expectRefusal(await setStatus(official, id, { status: 'not_taken_up' }), 'signal_reason_required')
    expectRefusal(await setStatus(official, id, { status: 'not_taken_up', reason: 'Nee.' }), 'signal_reason_required')
    expect((await statusOf(id)).status).toBe('received')
    const res = await setStatus(official, id, { status: 'not_taken_up', reason: REASON })
    expect(res.statusCode, res.body).toBe(200)
    expect(await statusOf(id)).toMatchObject({ status: 'not_taken_up', reason: REASON })
  })

  it('refuses on the agenda without a link, and a link to another municipality\'s meeting', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    expectRefusal(await setStatus(official, id, { status: 'on_agenda' }), 'signal_link_required')
    const velsenMeeting = await givenMeeting(t.db, t.clock.now, 'velsen')
    const foreign = await setStatus(official, id, { status: 'on_agenda', link: { kind: 'meeting', id: velsenMeeting } })
    expect(foreign.statusCode).toBe(404)
    expect((await statusOf(id)).status).toBe('received')
  })

  it('puts a signal linked to a meeting on that meeting\'s agenda as a topic, once', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    const meetingId = await givenMeeting(t.db, t.clock.now)
    const res = await setStatus(official, id, { status: 'on_agenda', link: { kind: 'meeting', id: meetingId } })
    expect(res.statusCode, res.body).toBe(200)
    expect(SignalDetailSchema.parse(res.json()).signal.meetingStartsAt).toBe(new Date(t.clock.now.getTime() + 21 * DAY).toISOString())
    const topics = await t.db.select().from(meetingTopics).where(eq(meetingTopics.meetingId, meetingId))
    expect(topics).toMatchObject([{ signalId: id, title: 'Losliggende stoeptegels bij de school' }])
  })

  it('requires a response for answered and keeps answered and not taken up final', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    expectRefusal(await setStatus(official, id, { status: 'answered' }), 'signal_response_required')
    expect((await setStatus(official, id, { status: 'answered', response: RESPONSE })).statusCode).toBe(200)
    expectRefusal(await setStatus(official, id, { status: 'not_taken_up', reason: REASON }), 'signal_status_not_allowed')
    expectRefusal(await setStatus(official, id, { status: 'considering' }), 'signal_status_not_allowed')
    expect(await statusOf(id)).toMatchObject({ status: 'answered', response: RESPONSE })
  })

  it('refuses a response route body without its text as bad input', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    const res = await post(official, `/api/official/signals/${id}/response`, { status: 'not_taken_up', reason: 'te kort' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
  })
})

describe('moderation and redaction', () => {
  it('publishes a checked signal, or hides it with a reason', async () => {
    const { id } = await givenSignal(t.app, t.clock.now)
    const published = await post(official, `/api/official/signals/${id}/moderation`, { action: 'publish' })
    expect(SignalDetailSchema.parse(published.json()).signal.moderation).toBe('published')
    const hidden = await post(official, `/api/official/signals/${id}/moderation`, { action: 'hide', reason: 'insulting' })
    expect(SignalDetailSchema.parse(hidden.json()).signal).toMatchObject({ moderation: 'hidden', hiddenReason: 'insulting' })
    expect((await post(official, `/api/official/signals/${id}/moderation`, { action: 'hide' })).statusCode).toBe(400)
  })

  it('replaces the selected personal data in the body by [verwijderd] and sets redacted_at; a stale selection is refused', async () => {
    const body = 'Bel mij op 06-12345678 over de stoep.'
    const { id } = await givenSignal(t.app, t.clock.now, { body })
    const start = body.indexOf('06-')
    const res = await post(official, `/api/official/signals/${id}/redact`, { field: 'body', part: { start, end: start + 11, text: '06-12345678' } })
    expect(res.statusCode, res.body).toBe(200)
    const signal = SignalDetailSchema.parse(res.json()).signal
    expect(signal.body).toBe('Bel mij op [verwijderd] over de stoep.')
    expect(signal.redactedAt).toBe(t.clock.now.toISOString())
    expectRefusal(await post(official, `/api/official/signals/${id}/redact`, { field: 'body', part: { start, end: start + 11, text: '06-12345678' } }), 'redaction_outdated')
  })
})

describe('due dates and the overdue list', () => {
  it('lists open signals past their due date as overdue, in the filter, the accountability list and the public figures', async () => {
    const local = await createTestApp({ start: new Date('2026-03-01T12:00:00Z') })
    try {
      await givenMunicipality(local.db, 'beverwijk', 'Beverwijk')
      await givenOfficial(local.db, 'beverwijk', 'official', 'a@beverwijk.nl')
      let s = await signIn(local.app, 'a@beverwijk.nl')
      const now = local.clock.now
      const old = await givenPublishedSignal(local.app, new Date(now.getTime() - 50 * DAY), { supportCount: 3 })
      const soon = await givenPublishedSignal(local.app, new Date(now.getTime() - 35 * DAY), { supportCount: 9 })
      const fresh = await givenSignal(local.app, now, { supportCount: 1 })
      const answeredLate = await givenPublishedSignal(local.app, new Date(now.getTime() - 60 * DAY), { status: 'answered', response: RESPONSE, respondedAt: new Date(now.getTime() - 5 * DAY) })
      const answeredOnTime = await givenPublishedSignal(local.app, new Date(now.getTime() - 10 * DAY), { status: 'answered', response: RESPONSE, respondedAt: new Date(now.getTime() - 2 * DAY) })

      const list = async (query: string) => SignalListSchema.parse((await local.app.inject({ method: 'GET', url: `/api/official/signals?${query}`, headers: s.headers })).json()).signals.map((x) => x.id)
      expect(await list('overdue=true')).toEqual([old.id])
      expect(await list('sort=support')).toEqual([soon.id, old.id, fresh.id, answeredOnTime.id, answeredLate.id])
      expect((await list('sort=due'))[0]).toBe(answeredLate.id)
      expect(await list('moderation=pending')).toEqual([fresh.id])
      expect(await list('status=answered&sort=due')).toEqual([answeredLate.id, answeredOnTime.id])
      expect((await local.app.inject({ method: 'GET', url: '/api/official/signals?sort=loudest', headers: s.headers })).statusCode).toBe(400)

      const accountability = AccountabilitySchema.parse((await local.app.inject({ method: 'GET', url: '/api/official/accountability', headers: s.headers })).json())
      expect(accountability.signalsDue?.map((d) => [d.id, d.overdue])).toEqual([
        [old.id, true],
        [soon.id, false],
      ])
      const figures = FeedbackFiguresSchema.parse((await local.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/feedback-figures' })).json())
      expect(figures.signals).toEqual({ responded: 2, respondedOnTime: 1, overdue: 1 })

      // Six weeks and a day after it came in, the fresh one is overdue too.
      local.clock.advance(43 * DAY)
      s = await signIn(local.app, 'a@beverwijk.nl')
      expect((await list('overdue=true')).sort()).toEqual([old.id, soon.id, fresh.id].sort())
    } finally {
      await local.close()
    }
  })
})

describe('the participation council', () => {
  it('reads published signals only, never another municipality\'s, and no answer has a contact field', async () => {
    const published = await givenPublishedSignal(t.app, t.clock.now, { wantsContact: true })
    const pending = await givenSignal(t.app, t.clock.now)
    const velsen = await givenPublishedSignal(t.app, t.clock.now, { municipality: 'velsen' })
    const list = await get(council, '/api/official/signals')
    const ids = SignalListSchema.parse(list.json()).signals.map((s) => s.id)
    expect(ids).toContain(published.id)
    expect(ids).not.toContain(pending.id)
    expect(ids).not.toContain(velsen.id)
    expect((await get(council, `/api/official/signals/${pending.id}`)).statusCode).toBe(404)
    expect((await get(council, `/api/official/signals/${velsen.id}`)).statusCode).toBe(404)
    const detail = await get(council, `/api/official/signals/${published.id}`)
    expect(detail.statusCode).toBe(200)
    for (const body of [list.body, detail.body, (await get(official, `/api/official/signals/${published.id}`)).body]) {
      expect(body).not.toMatch(/wantsContact|deviceKey|device_key|contact|email|phone/i)
      expect(body).not.toContain(published.deviceId)
    }
    expect((await get(otherOfficial, `/api/official/signals/${published.id}`)).statusCode).toBe(404)
  })

  it('comments on a published signal, but may not moderate, redact, move or answer it', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    const comment = await post(council, `/api/official/signals/${id}/comments`, { body: 'Dit horen we ook van ouders in Noord.' })
    expect(comment.statusCode, comment.body).toBe(201)
    expect(SignalDetailSchema.parse(comment.json()).comments).toMatchObject([{ body: 'Dit horen we ook van ouders in Noord.', authorRole: 'council', mine: true }])
    const seenByOfficial = SignalDetailSchema.parse((await get(official, `/api/official/signals/${id}`)).json())
    expect(seenByOfficial.comments).toMatchObject([{ authorRole: 'council', mine: false }])
    expect(seenByOfficial.signal.commentCount).toBe(1)
    for (const [path, body] of [
      ['moderation', { action: 'hide', reason: 'off_topic' }],
      ['redact', { field: 'body' }],
      ['status', { status: 'considering' }],
      ['response', { status: 'answered', response: RESPONSE }],
    ] as const) {
      expect((await post(council, `/api/official/signals/${id}/${path}`, body)).statusCode, path).toBe(403)
    }
    expect(await statusOf(id)).toMatchObject({ status: 'received' })
  })

  it('refuses a comment on a signal that is not published', async () => {
    const { id } = await givenSignal(t.app, t.clock.now)
    expectRefusal(await post(official, `/api/official/signals/${id}/comments`, { body: 'Even kijken.' }), 'signal_not_published')
    expect((await post(council, `/api/official/signals/${id}/comments`, { body: 'Even kijken.' })).statusCode).toBe(404)
  })

  it('decides on a request for a council meeting: on that meeting\'s agenda, or not taken up with a reason', async () => {
    const meetingId = await givenMeeting(t.db, t.clock.now)
    const asked = await givenPublishedSignal(t.app, t.clock.now, { meetingId })
    const res = await post(council, `/api/official/signals/${asked.id}/council-decision`, { decision: 'on_agenda' })
    expect(res.statusCode, res.body).toBe(200)
    expect(SignalDetailSchema.parse(res.json()).signal).toMatchObject({ status: 'on_agenda', meetingId })
    expect(await t.db.select().from(meetingTopics).where(and(eq(meetingTopics.meetingId, meetingId), eq(meetingTopics.signalId, asked.id)))).toHaveLength(1)

    const declined = await givenPublishedSignal(t.app, t.clock.now, { meetingId })
    expectRefusal(await post(council, `/api/official/signals/${declined.id}/council-decision`, { decision: 'not_taken_up' }), 'signal_reason_required')
    expect((await post(council, `/api/official/signals/${declined.id}/council-decision`, { decision: 'not_taken_up', reason: REASON })).statusCode).toBe(200)
    expect(await statusOf(declined.id)).toMatchObject({ status: 'not_taken_up', reason: REASON })
  })

  it('decides only on signals that asked a meeting place', async () => {
    const { id } = await givenPublishedSignal(t.app, t.clock.now)
    expectRefusal(await post(council, `/api/official/signals/${id}/council-decision`, { decision: 'on_agenda' }), 'signal_not_meeting_request')
    expect(await statusOf(id)).toMatchObject({ status: 'received' })
  })
})

describe('the response reaches the resident', () => {
  it('shows an answered signal in the device\'s inbox exactly once across cursors', async () => {
    const { id, deviceId } = await givenPublishedSignal(t.app, t.clock.now)
    const first = InboxSchema.parse((await inbox(deviceId)).json())
    expect(first.entries.filter((e) => e.kind === 'signal')).toEqual([])
    expect((await post(official, `/api/official/signals/${id}/response`, { status: 'answered', response: RESPONSE })).statusCode).toBe(200)
    const second = InboxSchema.parse((await inbox(deviceId, first.cursor)).json())
    expect(second.entries).toEqual([
      expect.objectContaining({ kind: 'signal', id: `signal:${id}:answered`, signalId: id, status: 'answered', response: RESPONSE, reason: null }),
    ])
    // Moderation after the answer is no news for the resident.
    await post(official, `/api/official/signals/${id}/moderation`, { action: 'hide', reason: 'off_topic' })
    const third = InboxSchema.parse((await inbox(deviceId, second.cursor)).json())
    expect(third.entries).toEqual([])
    // Without a cursor the whole inbox is read again: the answer is there once.
    const all = InboxSchema.parse((await inbox(deviceId)).json())
    expect(all.entries.filter((e) => e.kind === 'signal').map((e) => e.id)).toEqual([`signal:${id}:answered`])
    // Another device does not see it.
    const other = await givenSignal(t.app, t.clock.now)
    expect(InboxSchema.parse((await inbox(other.deviceId)).json()).entries.filter((e) => e.kind === 'signal')).toEqual([])
  })

  it('tells the reason a signal was not taken up', async () => {
    const { id, deviceId } = await givenPublishedSignal(t.app, t.clock.now)
    await setStatus(official, id, { status: 'not_taken_up', reason: REASON })
    const entries = InboxSchema.parse((await inbox(deviceId)).json()).entries
    expect(entries).toEqual([expect.objectContaining({ kind: 'signal', status: 'not_taken_up', reason: REASON, response: null })])
  })

  it('queues one Web Push wake-up per status change for a device that follows its signal', async () => {
    const { id, deviceId } = await givenPublishedSignal(t.app, t.clock.now)
    const pushKey = t.app.deviceKeys.keyFor('push', deviceId)
    const subscriptionId = await putPushSubscription(t.db, pushKey, { endpoint: 'https://push.example.net/x', p256dh: 'p', auth: 'a', language: 'nl', municipality: 'beverwijk' }, t.clock.now)
    await followItems(t.db, pushKey, [id])
    await setStatus(official, id, { status: 'considering' })
    await post(official, `/api/official/signals/${id}/response`, { status: 'answered', response: RESPONSE })
    const queued = await t.db.select({ eventKey: pushDeliveries.eventKey, payload: pushDeliveries.payload }).from(pushDeliveries).where(eq(pushDeliveries.subscriptionId, subscriptionId))
    expect(queued.map((q) => q.eventKey).sort()).toEqual([`signal:${id}:answered`, `signal:${id}:considering`])
    expect(queued[0]!.payload).toMatchObject({ type: 'signal_response', itemId: id, language: 'nl', url: '/mijn-inbreng' })
  })

  it('queues nothing and changes nothing when a change is refused', async () => {
    const { id, deviceId } = await givenPublishedSignal(t.app, t.clock.now)
    const before = InboxSchema.parse((await inbox(deviceId)).json())
    expectRefusal(await setStatus(official, id, { status: 'not_taken_up', reason: 'kort' }), 'signal_reason_required')
    expect(await statusOf(id)).toMatchObject({ status: 'received', reason: null, respondedAt: null })
    expect(InboxSchema.parse((await inbox(deviceId, before.cursor)).json()).entries).toEqual([])
  })
})
