import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpush from 'web-push'
import { queryRows } from '../../src/server/db/client'
import { API_PREFIX } from '../../src/server/routes/register-route'
import { allRoutes } from '../../src/shared/routes'
import { deviceAuthorization } from '../../src/shared/schemas/device-credentials'
import { CONSENT_VERSION } from '../../src/shared/schemas/table'
import { EMAIL_ALERT_CONSENT_VERSION } from '../../src/shared/schemas/email-alert'
import { putEmailAlert } from '../../src/server/repos/email-alert-repo'
import { newDeviceId } from '../support/factories'
import type { Session } from '../support/officials'
import { aSignup, confirmContacts, createTableTestApp, signUp } from '../support/tables'
import { sentMail } from '../support/test-app'
import type { TestApp } from '../support/test-app'

let t: TestApp
let s: Session
let tableId: string
beforeAll(async () => {
  ;({ t, s, tableId } = await createTableTestApp({ item: { theme: 'opgroeien' }, app: { push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }, allowPrivate: true, intervalMs: 3_600_000 } } }))
})
afterAll(async () => t.close())

/** What one device holds: a sign-up and a "Benader mij" registration, and the invitation that put news in its inbox. */
async function givenResident(): Promise<{ deviceId: string; signupId: string; interestId: string; alertId: string }> {
  const deviceId = newDeviceId()
  const signup = aSignup(tableId, { deviceId })
  expect(await signUp(t.app, [signup])).toEqual([expect.objectContaining({ status: 'accepted' })])
  const interestId = crypto.randomUUID()
  const interest = { id: interestId, municipality: 'beverwijk', deviceId, revision: 1, themes: ['opgroeien'], name: 'Noor', contact: { channel: 'email', value: `noor-${interestId.slice(0, 6)}@example.nl` }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
  const mailBefore = sentMail(t.app)?.length ?? 0
  expect((await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })).json().results[0].status).toBe('accepted')
  // An adult's address counts (and is invited) only once it is confirmed.
  await confirmContacts(t.app, [interestId], mailBefore)
  expect((await t.app.inject({ method: 'POST', url: `/api/official/items/${tableId}/invite-interested`, headers: s.headers, payload: {} })).statusCode).toBe(200)
  // An e-mail alert on the table, written straight to the database (asking is rate-limited per address).
  const alert = await putEmailAlert(t.db, { itemId: tableId, deviceKey: t.app.deviceKeys.keyFor('email_alerts', deviceId), email: `alert-${interestId.slice(0, 6)}@example.nl`, language: 'nl', consentVersion: EMAIL_ALERT_CONSENT_VERSION }, (id) => `unsubscribe-${id}`, t.clock.now)
  return { deviceId, signupId: signup.id, interestId, alertId: alert.row.id }
}

const status = async (table: 'table_signups' | 'interests', id: string) =>
  (await queryRows<{ status: string }>(t.db, sql`select status from ${sql.raw(table)} where id = ${id}`))[0]?.status

/**
 * How a device route is called as a given device (null: without one), and what the owner has
 * there: for a read, whether an answer shows the owner's data; for a change, whether the owner's
 * row is still unchanged.
 */
interface DeviceCase {
  /** `header`: the id goes in `Authorization: Device`; `path`: the deprecated routes with the id in the URL. */
  via: 'header' | 'path'
  /** What the owner's (and another device's own) successful call answers, when not 200 (a 201 for a new alert). */
  okStatus?: number
  prepare(): Promise<{ deviceId: string; request(deviceId: string | null): InjectOptions; ownerData(res: LightMyRequestResponse): Promise<boolean> }>
}

const withDevice = (deviceId: string | null): Record<string, string> => (deviceId === null ? {} : { authorization: deviceAuthorization(deviceId) })

const readCase = (via: DeviceCase['via'], url: (deviceId: string) => string, holdsOwnerData: (body: unknown, r: Awaited<ReturnType<typeof givenResident>>) => boolean): DeviceCase => ({
  via,
  async prepare() {
    const r = await givenResident()
    return {
      deviceId: r.deviceId,
      request: (deviceId) => (via === 'header' ? { method: 'GET', url: url(''), headers: withDevice(deviceId) } : { method: 'GET', url: url(deviceId ?? '') }),
      ownerData: async (res) => res.statusCode === 200 && holdsOwnerData(res.json(), r),
    }
  },
})

const withdrawCase = (via: DeviceCase['via'], kind: 'signups' | 'interests'): DeviceCase => ({
  via,
  async prepare() {
    const r = await givenResident()
    const id = kind === 'signups' ? r.signupId : r.interestId
    const path = (deviceId: string) => (via === 'header' ? `/api/me/${kind}/${id}/withdraw` : `/api/devices/${deviceId}/${kind}/${id}/withdraw`)
    return {
      deviceId: r.deviceId,
      request: (deviceId) => ({ method: 'POST', url: path(deviceId ?? ''), payload: {}, headers: via === 'header' ? withDevice(deviceId) : {} }),
      // The owner's registration is still there and active: nothing was withdrawn.
      ownerData: async () => ![undefined, 'withdrawn'].includes(await status(kind === 'signups' ? 'table_signups' : 'interests', id)),
    }
  },
})

const eraseCase: DeviceCase = {
  via: 'header',
  async prepare() {
    const r = await givenResident()
    return {
      deviceId: r.deviceId,
      request: (deviceId) => ({ method: 'DELETE', url: '/api/me', headers: withDevice(deviceId) }),
      // The owner's sign-up and interest are still stored: nothing was erased.
      ownerData: async () => (await status('table_signups', r.signupId)) !== undefined && (await status('interests', r.interestId)) !== undefined,
    }
  },
}

const alertEmail = async (id: string) => (await queryRows<{ email: string }>(t.db, sql`select email from item_email_alerts where id = ${id}`))[0]?.email

/** Asking for an alert as another device makes that device's own alert; the owner's stays as it was. */
const askAlertCase: DeviceCase = {
  via: 'header',
  okStatus: 201,
  async prepare() {
    const r = await givenResident()
    const before = await alertEmail(r.alertId)
    return {
      deviceId: r.deviceId,
      request: (deviceId) => ({ method: 'POST', url: '/api/me/email-alerts', headers: withDevice(deviceId), payload: { itemId: tableId, email: 'changed@example.nl', language: 'en', consentVersion: EMAIL_ALERT_CONSENT_VERSION } }),
      ownerData: async () => (await alertEmail(r.alertId)) === before,
    }
  },
}

const removeAlertCase: DeviceCase = {
  via: 'header',
  async prepare() {
    const r = await givenResident()
    return {
      deviceId: r.deviceId,
      request: (deviceId) => ({ method: 'DELETE', url: `/api/me/email-alerts/${r.alertId}`, headers: withDevice(deviceId) }),
      ownerData: async () => (await alertEmail(r.alertId)) !== undefined,
    }
  },
}

/** "Dit herken ik" on a published signal: only the owner's own call adds the owner's support. */
const supportCase: DeviceCase = {
  via: 'header',
  async prepare() {
    const deviceId = newDeviceId()
    const signalId = crypto.randomUUID()
    const signal = { id: signalId, municipality: 'beverwijk', deviceId: newDeviceId(), createdAt: new Date().toISOString(), kind: 'signal', title: 'Te weinig bankjes in het park', body: 'Ouderen kunnen nergens even zitten.' }
    expect((await t.app.inject({ method: 'POST', url: '/api/signals', payload: { signals: [signal] } })).json().results[0].status).toBe('accepted')
    await t.db.execute(sql`update signals set moderation = 'published' where id = ${signalId}`)
    const ownerKey = t.app.deviceKeys.keyFor('signal_support', deviceId)
    return {
      deviceId,
      request: (caller) => ({ method: 'POST', url: `/api/signals/${signalId}/support`, payload: {}, headers: withDevice(caller) }),
      // The owner's support is not there: nobody else could give it for them.
      ownerData: async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from signal_supports where signal_id = ${signalId} and device_key = ${ownerKey}`))[0]!.n === 0,
    }
  },
}
/** A device with a Web Push subscription that follows one item; the keys are made as a browser makes them. */
async function givenPushSubscriber(): Promise<{ deviceId: string; endpoint: string }> {
  const deviceId = newDeviceId()
  const endpoint = `http://127.0.0.1:9/push/${crypto.randomUUID()}`
  const res = await t.app.inject({ method: 'PUT', url: '/api/me/push-subscription', headers: withDevice(deviceId), payload: pushBody(endpoint, [tableId]) })
  expect(res.statusCode, res.body).toBe(200)
  return { deviceId, endpoint }
}
const pushBody = (endpoint: string, topics: string[]) => ({ endpoint, keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' }, language: 'nl', municipality: 'beverwijk', topics })
const pushStateOf = async (deviceId: string) =>
  (await queryRows<{ endpoint: string; following: number }>(t.db, sql`select s.endpoint, (select count(*)::int from push_topics p where p.subscription_id = s.id) as following from push_subscriptions s where s.device_key = ${t.app.deviceKeys.keyFor('push', deviceId)}`))[0]

const pushChangeCase = (request: (deviceId: string | null) => InjectOptions, unchanged: (owner: { endpoint: string }, now: Awaited<ReturnType<typeof pushStateOf>>) => boolean): DeviceCase => ({
  via: 'header',
  async prepare() {
    const owner = await givenPushSubscriber()
    return { deviceId: owner.deviceId, request, ownerData: async () => unchanged(owner, await pushStateOf(owner.deviceId)) }
  },
})

const inboxHasInvitation = (body: unknown) => (body as { entries: { kind: string; status?: string }[] }).entries.some((e) => e.status === 'invited')
const listsSignup = (body: unknown, r: { signupId: string }) => (body as { id: string }[]).some((x) => x.id === r.signupId)

const cases: Record<string, DeviceCase> = {
  'GET /api/me/inbox': readCase('header', () => '/api/me/inbox', inboxHasInvitation),
  'GET /api/me/signups': readCase('header', () => '/api/me/signups', listsSignup),
  'POST /api/me/signups/:id/withdraw': withdrawCase('header', 'signups'),
  'POST /api/me/interests/:id/withdraw': withdrawCase('header', 'interests'),
  'GET /api/me/data': readCase('header', () => '/api/me/data', (body, r) => (body as { signups: { id: string }[]; interests: { id: string }[] }).signups.some((x) => x.id === r.signupId) && (body as { interests: { id: string }[] }).interests.some((x) => x.id === r.interestId)),
  'DELETE /api/me': eraseCase,
  'POST /api/me/email-alerts': askAlertCase,
  'GET /api/me/email-alerts': readCase('header', () => '/api/me/email-alerts', (body, r) => (body as { id: string }[]).some((x) => x.id === r.alertId)),
  'DELETE /api/me/email-alerts/:id': removeAlertCase,
  'POST /api/signals/:id/support': supportCase,
  // Another id stores its own subscription; the owner's endpoint and topics stay as they were.
  'PUT /api/me/push-subscription': pushChangeCase(
    (deviceId) => ({ method: 'PUT', url: '/api/me/push-subscription', headers: withDevice(deviceId), payload: pushBody('http://127.0.0.1:9/push/replaced', [crypto.randomUUID()]) }),
    (owner, now) => now?.endpoint === owner.endpoint,
  ),
  'POST /api/me/push-subscription/topics': pushChangeCase(
    (deviceId) => ({ method: 'POST', url: '/api/me/push-subscription/topics', headers: withDevice(deviceId), payload: { topics: [crypto.randomUUID()] } }),
    (_owner, now) => now?.following === 1,
  ),
  'DELETE /api/me/push-subscription': pushChangeCase(
    (deviceId) => ({ method: 'DELETE', url: '/api/me/push-subscription', headers: withDevice(deviceId) }),
    (_owner, now) => now !== undefined,
  ),
  'GET /api/devices/:deviceId/inbox': readCase('path', (d) => `/api/devices/${d}/inbox`, inboxHasInvitation),
  'GET /api/devices/:deviceId/signups': readCase('path', (d) => `/api/devices/${d}/signups`, listsSignup),
  'POST /api/devices/:deviceId/signups/:id/withdraw': withdrawCase('path', 'signups'),
  'POST /api/devices/:deviceId/interests/:id/withdraw': withdrawCase('path', 'interests'),
}

const deviceRoutes = allRoutes().filter((r) => r.access === 'device').map((r) => ({ key: `${r.method} ${API_PREFIX}${r.path}`, route: r }))

describe('access to device routes', () => {
  it('every device route of the route table has an access case', () => {
    expect(deviceRoutes.map((r) => r.key).filter((k) => !(k in cases))).toEqual([])
    expect(Object.keys(cases).filter((k) => !deviceRoutes.some((r) => r.key === k))).toEqual([])
  })

  it('takes the device id in the Authorization header on every route that is not deprecated, and never in the path', () => {
    for (const { key, route } of deviceRoutes) {
      expect(route.path.includes(':deviceId'), key).toBe(route.deprecated === true)
      expect(route.deviceAuth === true, key).toBe(route.deprecated !== true)
    }
  })

  for (const [key, c] of Object.entries(cases)) {
    it(`${key}: another or a missing id sees nothing and changes nothing, a malformed one gets 400, the owner is served`, async () => {
      const { deviceId, request, ownerData } = await c.prepare()
      const callers: (string | null)[] = [newDeviceId(), ...(c.via === 'header' ? [null] : [])]
      for (const caller of callers) {
        const res = await t.app.inject(request(caller))
        expect([c.okStatus ?? 200, 404], `${caller ?? 'no id'}: ${res.body.slice(0, 200)}`).toContain(res.statusCode)
        // A read shows none of the owner's data; a change leaves the owner's data as it was.
        if (key.startsWith('GET')) expect(await ownerData(res), `${caller ?? 'no id'} saw the owner's data`).toBe(false)
        else expect(await ownerData(res), `${caller ?? 'no id'} withdrew the owner's registration`).toBe(true)
      }
      for (const malformed of ['tooShort0123456789', 'has spaces and is long enough', `${deviceId}!`]) {
        const res = await t.app.inject(request(malformed))
        expect(res.statusCode, `${malformed}: ${res.body.slice(0, 200)}`).toBe(400)
        expect(res.json().error.code).toBe('bad_request')
      }
      const own = await t.app.inject(request(deviceId))
      expect(own.statusCode, own.body.slice(0, 200)).toBe(c.okStatus ?? 200)
      if (key.startsWith('GET')) expect(await ownerData(own)).toBe(true)
      else expect(await ownerData(own)).toBe(false)
      if (c.via === 'path') {
        expect(own.headers.deprecation).toMatch(/^@\d+$/)
        expect(new Date(String(own.headers.sunset)).getTime()).toBeGreaterThan(new Date(Number(String(own.headers.deprecation).slice(1)) * 1000).getTime())
      } else {
        expect(own.headers.deprecation).toBeUndefined()
      }
    }, 60_000)
  }

  it('refuses an Authorization header of the Device scheme without a usable id', async () => {
    for (const authorization of ['Device', 'Device ', 'Device a b', 'device short']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/me/inbox', headers: { authorization } })
      expect(res.statusCode, authorization).toBe(400)
    }
    // Another scheme is not a device credential at all: an empty inbox, like no header.
    const other = await t.app.inject({ method: 'GET', url: '/api/me/inbox', headers: { authorization: 'Bearer abc' } })
    expect(other.statusCode).toBe(200)
    expect(other.json().entries).toEqual([])
  })
})
