import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../../src/server/version'
import { aSubmission, givenItem, givenMunicipality } from '../../support/factories'
import { createTestApp, type TestApp } from '../../support/test-app'

/**
 * What a second read must equal. A feed page's cursor holds the snapshot of its read, and on a
 * shared PostgreSQL cluster other databases' transactions make two reads differ; the cursor
 * test checks what it means instead.
 */
function asSecondRead(body: unknown): unknown {
  return body !== null && typeof body === 'object' && 'cursor' in body ? { ...body, cursor: expect.any(String) } : body
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
      expect(versioned.json(), url).toEqual(asSecondRead(plain.json()))
    }
  })

  it('hands out a feed cursor under /api/v1 that continues the feed under /api, and the other way round', async () => {
    const feed = (prefix: string, since?: string) =>
      t.app.inject({ method: 'GET', url: `${prefix}/items`, query: { municipality: 'beverwijk', ...(since ? { since } : {}) } })
    const versioned = (await feed('/api/v1')).json()
    const plain = (await feed('/api')).json()
    expect(versioned.items).toHaveLength(1)
    // Nothing changed since: each cursor, read under the other prefix, has no news.
    expect((await feed('/api', versioned.cursor)).json().items).toEqual([])
    expect((await feed('/api/v1', plain.cursor)).json().items).toEqual([])
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
