import webpush from 'web-push'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TABLE_OUTCOMES, itemPushEvent, signalPushEvent, tableOutcomePushEvent } from '../../../src/server/push/push-events'
import { queuePushForItem } from '../../../src/server/repos/push-repo'
import { deviceAuthorization } from '../../../src/shared/schemas/device-credentials'
import { newDeviceId } from '../../support/factories'
import type { Session } from '../../support/officials'
import { signIn } from '../../support/officials'
import { startPushServiceStandIn, type PushServiceStandIn, type StandInSubscription } from '../../support/push-service'
import { aSignup, confirmContacts, createTableTestApp, signUp } from '../../support/tables'
import { CONSENT_VERSION } from '../../../src/shared/schemas/table'
import { givenItem } from '../../support/factories'
import type { TestApp } from '../../support/test-app'

const DAY = 86_400_000
let service: PushServiceStandIn
let t: TestApp
let s: Session
let tableId: string

beforeAll(async () => {
  service = await startPushServiceStandIn()
  ;({ t, s, tableId } = await createTableTestApp({
    item: { title: 'Tafel hulp vinden' },
    assignment: { seats: 2, reserved: { clientOrExpert: 0, youth: 0 } },
    app: { push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }, allowPrivate: true, intervalMs: 3_600_000 } },
  }))
})
afterAll(async () => {
  await t.close()
  await service.close()
})
beforeEach(() => {
  service.received.length = 0
})

/** A device turns push on as the app does: its subscription, the items it follows and its own sign-ups. */
async function subscribe(deviceId: string, options: { language?: 'nl' | 'en'; topics?: string[]; signups?: string[]; interests?: string[] } = {}): Promise<StandInSubscription> {
  const sub = service.subscribe()
  const res = await t.app.inject({
    method: 'PUT', url: '/api/me/push-subscription', headers: { authorization: deviceAuthorization(deviceId) },
    payload: { endpoint: sub.endpoint, keys: sub.keys, language: options.language ?? 'nl', municipality: 'beverwijk', topics: options.topics ?? [], signups: options.signups ?? [], interests: options.interests ?? [] },
  })
  expect(res.statusCode, res.body).toBe(200)
  return sub
}

/** Sends what is queued and returns what each stand-in subscription received, decrypted. */
async function delivered(): Promise<Map<string, Record<string, unknown>[]>> {
  await t.app.push!.worker.drain()
  expect(service.faults).toEqual([])
  const by = new Map<string, Record<string, unknown>[]>()
  for (const r of service.received) by.set(r.subscriptionId, [...(by.get(r.subscriptionId) ?? []), r.payload as Record<string, unknown>])
  return by
}

describe('events that wake a resident by Web Push', () => {
  it('a draw sends each sign-up its own outcome once, in its language; a freed seat wakes only the person who gets it', async () => {
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => aSignup(tableId, { name })) as [ReturnType<typeof aSignup>, ReturnType<typeof aSignup>, ReturnType<typeof aSignup>, ReturnType<typeof aSignup>]
    for (const x of [a, b, c, d]) {
      await signUp(t.app, [x])
      t.clock.advance(1000)
    }
    const subs = {
      a: await subscribe(a.deviceId, { topics: [tableId], signups: [a.id] }),
      b: await subscribe(b.deviceId, { language: 'en', topics: [tableId], signups: [b.id] }),
      c: await subscribe(c.deviceId, { topics: [tableId], signups: [c.id] }),
      d: await subscribe(d.deviceId, { language: 'en', topics: [tableId], signups: [d.id] }),
      // Follows the table (it looked at it) without a sign-up: a person's news is not for it.
      bystander: await subscribe(newDeviceId(), { topics: [tableId] }),
    }
    t.clock.advance(6 * DAY)
    s = await signIn(t.app, 'official@beverwijk.nl')
    const draw = await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/draw`, headers: s.headers, payload: {} })
    expect(draw.json()).toEqual({ panel: 2, waitlist: 2, shortfalls: [] })

    const got = await delivered()
    const common = { type: 'table_outcome', itemId: tableId, title: 'Tafel hulp vinden', url: `/items/${tableId}`, municipality: 'Beverwijk' }
    expect(got.get(subs.a.id)).toEqual([{ ...common, outcome: 'selected', language: 'nl', body: 'Je bent gekozen voor deze tafel van gemeente Beverwijk. Kijk in de app wanneer je bijeenkomt.' }])
    expect(got.get(subs.b.id)).toEqual([{ ...common, outcome: 'selected', language: 'en', body: 'You have been chosen for this table of Beverwijk municipality. See in the app when you meet.' }])
    expect(got.get(subs.c.id)).toEqual([{ ...common, outcome: 'waitlisted', language: 'nl', body: 'Gemeente Beverwijk heeft gekozen. Je staat op de wachtlijst voor deze tafel.' }])
    expect(got.get(subs.d.id)).toEqual([{ ...common, outcome: 'waitlisted', language: 'en', body: 'Beverwijk municipality has chosen. You are on the waiting list for this table.' }])
    expect(got.has(subs.bystander.id)).toBe(false)
    expect(service.received).toHaveLength(4)

    // A member leaves: the seat goes to the first on the waiting list, and only that device hears.
    service.received.length = 0
    const withdraw = await t.app.inject({ method: 'POST', url: `/api/me/signups/${a.id}/withdraw`, headers: { authorization: deviceAuthorization(a.deviceId) }, payload: {} })
    expect(withdraw.statusCode, withdraw.body).toBe(200)
    const after = await delivered()
    expect([...after.keys()]).toEqual([subs.c.id])
    expect(after.get(subs.c.id)).toEqual([{ ...common, outcome: 'seat_offered', language: 'nl', body: 'Er is een plek vrij aan deze tafel van gemeente Beverwijk. De plek is voor jou.' }])
  })

  it("a guardian's yes wakes the device of the under-16 who signed up, once", async () => {
    const { t: g, tableId: table } = await createTableTestApp({ app: { push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }, allowPrivate: true, intervalMs: 3_600_000 } } })
    try {
      const young = aSignup(table, { ageBand: '<16', guardianEmail: 'ouder@example.nl' })
      await signUp(g.app, [young])
      const sub = service.subscribe()
      const put = await g.app.inject({ method: 'PUT', url: '/api/me/push-subscription', headers: { authorization: deviceAuthorization(young.deviceId) }, payload: { endpoint: sub.endpoint, keys: sub.keys, language: 'nl', municipality: 'beverwijk', topics: [table], signups: [young.id] } })
      expect(put.json()).toEqual({ subscribed: true, following: 2 })
      const token = /ouder-bevestigen#t=([A-Za-z0-9_-]+)/.exec(g.mail.find((m) => m.to === 'ouder@example.nl')?.text ?? '')?.[1]
      expect((await g.app.inject({ method: 'POST', url: '/api/guardian-confirmations', payload: { token } })).statusCode).toBe(200)
      await g.app.push!.worker.drain()
      expect(service.received.map((r) => [r.subscriptionId, r.payload])).toEqual([
        [sub.id, expect.objectContaining({ type: 'guardian_confirmed', itemId: table, url: `/items/${table}`, language: 'nl', body: 'Je ouder of verzorger heeft ja gezegd. Je aanmelding bij gemeente Beverwijk telt nu mee.' })],
      ])
    } finally {
      await g.close()
    }
  })

  it("a signal's response (queued by the triage service with signalPushEvent) wakes the device that raised it", async () => {
    const signalId = crypto.randomUUID()
    const raiser = await subscribe(newDeviceId(), { language: 'en', topics: [signalId] })
    const other = await subscribe(newDeviceId(), { topics: [crypto.randomUUID()] })
    const payload = signalPushEvent({ id: signalId, title: 'Meer bankjes in het park' }, 'answered', 'Beverwijk')
    expect(await queuePushForItem(t.db, { itemId: signalId, eventKey: `signal_response:${signalId}`, payload: payload as unknown as { nl: Record<string, unknown>; en: Record<string, unknown> } }, t.clock.now)).toBe(1)
    const got = await delivered()
    expect(got.get(raiser.id)).toEqual([{ type: 'signal_response', itemId: signalId, title: 'Meer bankjes in het park', url: '/mijn-inbreng', municipality: 'Beverwijk', language: 'en', body: 'Beverwijk municipality has responded to the topic you raised.' }])
    expect(got.has(other.id)).toBe(false)
  })
})

describe('an invitation from the Benader mij network', () => {
  it('wakes the device of each invited member once, and not a device that names a registration of someone else', async () => {
    const member = { id: crypto.randomUUID(), deviceId: newDeviceId() }
    const before = t.mail.length
    const interest = { id: member.id, municipality: 'beverwijk', deviceId: member.deviceId, revision: 1, themes: ['opgroeien'], name: 'Noor', contact: { channel: 'email', value: 'noor@example.nl' }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
    const registered = await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })
    expect(registered.json().results[0].status, registered.body).toBe('accepted')
    await confirmContacts(t.app, [member.id], before)
    const own = await subscribe(member.deviceId, { interests: [member.id] })
    // Another device names the same registration id: it is not its own, so it follows nothing of it.
    const snoop = await subscribe(newDeviceId(), { interests: [member.id] })
    const pollId = await givenItem(t.db, t.clock.now, { title: 'Hangplekken in de wijk' })
    const invite = () => t.app.inject({ method: 'POST', url: `/api/official/items/${pollId}/invite-network`, headers: s.headers, payload: { themes: ['opgroeien'] } })
    expect((await invite()).statusCode).toBe(200)
    expect((await invite()).statusCode).toBe(200) // a second invitation of the same item invites nobody again
    const got = await delivered()
    expect(got.get(own.id)).toEqual([expect.objectContaining({ type: 'invited', itemId: pollId, title: 'Hangplekken in de wijk', url: `/items/${pollId}`, language: 'nl', body: 'Gemeente Beverwijk nodigt je uit om mee te praten.' })])
    expect(got.has(snoop.id)).toBe(false)
  })
})

describe('push texts', () => {
  it('every event type and table outcome has a Dutch and an English text that names the municipality', () => {
    const item = { id: crypto.randomUUID(), title: 'Titel' }
    const all = [
      ...(['feedback', 'guardian_confirmed', 'signal_response', 'advice_response', 'invited'] as const).map((type) => itemPushEvent(type, item, 'Heemskerk')),
      ...TABLE_OUTCOMES.map((o) => tableOutcomePushEvent(o, item, 'Heemskerk')),
      ...(['considering', 'on_agenda', 'answered', 'not_taken_up'] as const).map((status) => signalPushEvent(item, status, 'Heemskerk')),
    ]
    for (const p of all) {
      expect(p.nl).toMatchObject({ itemId: item.id, title: 'Titel', language: 'nl', body: expect.stringContaining('Heemskerk') })
      expect(p.en).toMatchObject({ language: 'en', body: expect.stringContaining('Heemskerk') })
      expect(p.nl.body).not.toBe(p.en.body)
      expect(typeof p.nl.url).toBe('string')
    }
  })
})
