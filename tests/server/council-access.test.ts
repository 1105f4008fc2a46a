import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allRoutes } from '../../src/shared/routes'
import { API_PREFIX } from '../../src/server/routes/register-route'
import { CONSENT_VERSION } from '../../src/shared/schemas/table'
import { aSubmission, givenItem, givenMunicipality, newDeviceId } from '../support/factories'
import { givenOfficial, signIn, type Session } from '../support/officials'
import { aSignup, createTableTestApp, signUp } from '../support/tables'
import type { TestApp } from '../support/test-app'

/**
 * What a member of the participation council reaches: their municipality's items (read-only),
 * aggregated input, feedback timelines and the accountability list; never the contact details of
 * sign-ups or the interest network, never moderation, never another municipality's data.
 */
let t: TestApp
let official: Session
let tableId: string
const council = async () => signIn(t.app, 'raad@beverwijk.nl')

// Unusual on purpose, so a match in an answer can only be these people's details.
const SIGNUP = { name: 'Quirijn Zwaluwstaart', email: 'quirijn.zwaluw@example.nl', phone: '+31 6 98765432' }
const INTEREST = { name: 'Xandra Ooievaarsnest', email: 'xandra.ooievaar@example.nl' }

beforeAll(async () => {
  ;({ t, s: official, tableId } = await createTableTestApp())
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'council', 'raad@beverwijk.nl')
  await signUp(t.app, [
    aSignup(tableId, { name: SIGNUP.name, contact: { channel: 'email', value: SIGNUP.email } }),
    aSignup(tableId, { name: `${SIGNUP.name} Jr`, contact: { channel: 'phone', value: SIGNUP.phone } }),
  ])
  const interest = { id: crypto.randomUUID(), municipality: 'beverwijk', deviceId: newDeviceId(), revision: 1, themes: ['meedoen'], name: INTEREST.name, contact: { channel: 'email', value: INTEREST.email }, ageBand: '24-64', consentVersion: CONSENT_VERSION }
  expect((await t.app.inject({ method: 'POST', url: '/api/interests', payload: { interests: [interest] } })).statusCode).toBe(200)
})
afterAll(async () => t.close())

describe('the participation council in the back office', () => {
  it('reads the items of its municipality, each marked read-only, and the aggregated input of one', async () => {
    const itemId = await givenItem(t.db, t.clock.now)
    const answered = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { answeredAt: t.clock.now.toISOString() })] } })
    expect(answered.json().results[0].status).toBe('accepted')
    const s = await council()
    const list = (await t.app.inject({ url: '/api/official/items', headers: s.headers })).json() as { items: { id: string; readOnly?: boolean }[] }
    expect(list.items.find((i) => i.id === itemId)).toMatchObject({ id: itemId, readOnly: true })
    const input = await t.app.inject({ url: `/api/official/items/${itemId}/input`, headers: s.headers })
    expect(input.statusCode, input.body).toBe(200)
    expect(input.json()).toMatchObject({ itemId, results: expect.anything(), byAgeBand: expect.anything() })
  })

  it('cannot read text answers before moderation, export, moderate, publish or give feedback', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { publishedAt: null })
    const s = await council()
    const tries = [
      t.app.inject({ url: `/api/official/items/${itemId}/answers`, headers: s.headers }),
      t.app.inject({ url: `/api/official/items/${itemId}/export?format=csv`, headers: s.headers }),
      t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/answers/${crypto.randomUUID()}/hide`, headers: s.headers, payload: { reason: 'off_topic' } }),
      t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/publish`, headers: s.headers, payload: {} }),
      t.app.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: s.headers, payload: { outcome: 'in_progress', summary: 'We lezen alle antwoorden.' } }),
      t.app.inject({ url: `/api/official/items/${tableId}/signups`, headers: s.headers }),
      t.app.inject({ url: '/api/official/interests', headers: s.headers }),
    ]
    for (const res of await Promise.all(tries)) expect(res.statusCode, res.body).toBe(403)
    const after = (await t.app.inject({ url: `/api/official/items/${itemId}`, headers: official.headers })).json() as { publishedAt: string | null }
    expect(after.publishedAt).toBeNull()
  })

  it("does not see another municipality's items or input", async () => {
    const other = await givenItem(t.db, t.clock.now, { municipality: 'velsen' })
    const s = await council()
    for (const url of [`/api/official/items/${other}`, `/api/official/items/${other}/input`]) {
      expect((await t.app.inject({ url, headers: s.headers })).statusCode).toBe(404)
    }
    const list = (await t.app.inject({ url: '/api/official/items', headers: s.headers })).json() as { items: { municipality: string }[] }
    expect(list.items.every((i) => i.municipality === 'beverwijk')).toBe(true)
  })

  it('gets no contact detail of sign-ups or the interest network from any route it may call', async () => {
    // Every GET a council member may call, from the route table, with the table item as the id: a route added later is walked too.
    const readable = allRoutes().filter((r) => r.method === 'GET' && (r.access === 'member' || r.access === 'council'))
    expect(readable.length).toBeGreaterThan(5)
    const s = await council()
    const bodies: string[] = []
    for (const route of readable) {
      const url = `${API_PREFIX}${route.path.replace(/:id\b/, tableId)}`
      const res = await t.app.inject({ url, headers: s.headers })
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500)
      bodies.push(res.body)
    }
    // The same walk as an official reaches the details (the search would find them), so finding none above means something.
    const signups = await t.app.inject({ url: `/api/official/items/${tableId}/signups`, headers: official.headers })
    expect(signups.body).toContain(SIGNUP.email)
    const all = bodies.join('\n')
    for (const detail of [SIGNUP.name, SIGNUP.email, SIGNUP.phone, INTEREST.name, INTEREST.email]) expect(all).not.toContain(detail)
  })
})
