import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCursor } from '../../../src/server/repos/change-cursor'
import { APP_VERSION } from '../../../src/server/version'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createTestApp, type TestApp } from '../../support/test-app'

/** A feed page without its cursor, which differs between any two reads (see the cursor test). */
function withoutCursor(body: Record<string, unknown>): Record<string, unknown> {
  const { cursor: _cursor, ...rest } = body
  return rest
}

let t: TestApp
let itemId: string
beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  itemId = await givenItem(t.db, t.clock.now)
})
afterAll(async () => t.close())

describe('the API under /api/v1 with /api as its alias', () => {
  it('answers GET under /api/v1 exactly as under /api, query string included', async () => {
    for (const url of ['/municipalities', '/items?municipality=beverwijk', `/items/${itemId}`, '/health']) {
      const plain = await t.app.inject({ method: 'GET', url: `/api${url}` })
      const versioned = await t.app.inject({ method: 'GET', url: `/api/v1${url}` })
      expect(versioned.statusCode, url).toBe(plain.statusCode)
      expect(versioned.statusCode, url).toBe(200)
      expect(withoutCursor(versioned.json()), url).toEqual(withoutCursor(plain.json()))
    }
  })

  it('hands out a cursor of the same database under /api/v1 as under /api', async () => {
    // The cursor holds the snapshot of its read, so on a shared PostgreSQL cluster other
    // databases' transactions in progress make two reads differ; the database they name may not.
    const plain = await t.app.inject({ method: 'GET', url: '/api/items?municipality=beverwijk' })
    const versioned = await t.app.inject({ method: 'GET', url: '/api/v1/items?municipality=beverwijk' })
    const [a, b] = [plain.json().cursor, versioned.json().cursor].map((c: string) => parseCursor(c))
    expect(a?.kind).toBe('cursor')
    expect(b?.kind).toBe('cursor')
    if (a?.kind === 'cursor' && b?.kind === 'cursor') expect(b.cursor.system).toBe(a.cursor.system)
  })

  it('takes a change under /api/v1 as the same route: a submission posted there is a duplicate under /api', async () => {
    const s = aSubmission(itemId, { answers: { q1: 'ja' }, answeredAt: t.clock.now.toISOString() })
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/submissions', payload: { submissions: [s] } })
    expect(first.json()).toEqual({ results: [{ id: s.id, status: 'accepted' }] })
    const again = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [s] } })
    expect(again.json()).toEqual({ results: [{ id: s.id, status: 'duplicate' }] })
  })

  it('answers errors under /api/v1 with the same problem body as under /api', async () => {
    const missing = crypto.randomUUID()
    const plain = await t.app.inject({ method: 'GET', url: `/api/items/${missing}` })
    const versioned = await t.app.inject({ method: 'GET', url: `/api/v1/items/${missing}` })
    expect(versioned.statusCode).toBe(404)
    expect(versioned.headers['content-type']).toBe(plain.headers['content-type'])
    expect(versioned.json()).toEqual(plain.json())
  })

  it('does not treat a path that only starts with the letters v1 as versioned', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1x/items' })
    expect(res.statusCode).toBe(404)
  })
})

describe('API-Version', () => {
  it('is on a success, on both paths', async () => {
    for (const url of ['/api/health', '/api/v1/health']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['api-version'], url).toBe(APP_VERSION)
    }
  })

  it('is on an error: a validation error, an unknown route and a refused official route', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/items/not-a-uuid' }),
      t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      t.app.inject({ method: 'GET', url: '/api/official/items' }),
    ])
    expect(answers.map((r) => r.statusCode)).toEqual([400, 404, 401])
    for (const res of answers) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['api-version']).toBe(APP_VERSION)
    }
  })
})
