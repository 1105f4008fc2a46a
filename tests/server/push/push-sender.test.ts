import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpush from 'web-push'
import { endpointProblem, isPublicAddress } from '../../../src/server/push/endpoint-safety'
import { sendPush, type PushPayload } from '../../../src/server/push/push-sender'
import { startPushServiceStandIn, type PushServiceStandIn } from '../../support/push-service'

let service: PushServiceStandIn
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:meepraat@beverwijk.nl' }
const payload: PushPayload = {
  type: 'feedback',
  itemId: '0b8e3c1a-5d2f-4e6a-9b7c-1d2e3f4a5b6c',
  title: 'Mogen jongeren meepraten?',
  url: '/items/0b8e3c1a-5d2f-4e6a-9b7c-1d2e3f4a5b6c',
  municipality: 'Beverwijk',
  language: 'nl',
  body: 'Gemeente Beverwijk heeft gereageerd op je inbreng.',
}

beforeAll(async () => {
  service = await startPushServiceStandIn()
})
afterAll(() => service.close())

describe('sending a Web Push message', () => {
  it('arrives encrypted for the subscription only (RFC 8291) with a VAPID signature (RFC 8292) the push service verifies', async () => {
    const subscription = service.subscribe()
    const result = await sendPush(subscription, payload, vapid, { allowPrivate: true })
    expect(result.status).toBe(201)
    expect(service.faults).toEqual([])
    expect(service.received.at(-1)).toMatchObject({ subscriptionId: subscription.id, payload, vapidSubject: 'mailto:meepraat@beverwijk.nl' })
  })

  it('reports 410 when the resident unsubscribed, so the subscription can be removed', async () => {
    const subscription = service.subscribe()
    service.respondWith(subscription.id, 410)
    expect((await sendPush(subscription, payload, vapid, { allowPrivate: true })).status).toBe(410)
  })

  it('refuses to connect to a loopback address unless private endpoints are allowed (tests only)', async () => {
    const subscription = service.subscribe()
    await expect(sendPush(subscription, payload, vapid, { allowPrivate: false })).rejects.toMatchObject({ code: 'EPUSHPRIVATE' })
  })
})

describe('push endpoint safety', () => {
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc', null],
    ['https://updates.push.services.mozilla.com/wpush/v2/abc', null],
    ['http://fcm.googleapis.com/fcm/send/abc', 'not_https'],
    ['https://127.0.0.1/push', 'private_address'],
    ['https://[::1]/push', 'private_address'],
    ['https://10.1.2.3/push', 'private_address'],
    ['https://192.168.1.10/push', 'private_address'],
    ['https://169.254.169.254/latest/meta-data', 'private_address'],
    ['https://localhost/push', 'private_address'],
    ['https://user:pw@fcm.googleapis.com/x', 'not_a_url'],
    ['not a url', 'not_a_url'],
  ])('%s -> %s', (endpoint, problem) => {
    expect(endpointProblem(endpoint, false)).toBe(problem)
  })

  it('treats IPv4-mapped IPv6 and reserved ranges as private, ordinary addresses as public', () => {
    expect(isPublicAddress('::ffff:127.0.0.1')).toBe(false)
    expect(isPublicAddress('100.64.0.1')).toBe(false)
    expect(isPublicAddress('fd12::1')).toBe(false)
    expect(isPublicAddress('8.8.8.8')).toBe(true)
    expect(isPublicAddress('2a00:1450:4001::1')).toBe(true)
  })
})
