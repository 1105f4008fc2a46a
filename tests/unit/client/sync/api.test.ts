import { describe, expect, it } from 'vitest'
import { ApiError, createApi, DEFAULT_TIMEOUT_MS } from '../../../../src/client/sync/api'
import type { Submission } from '../../../../src/shared/schemas/submission'
import { createFakeClock, createFakeServer, makeItem, until, type Fault } from '../../../support/fake-server'

const item = makeItem()

function submission(): Submission {
  return {
    id: crypto.randomUUID(),
    itemId: item.id,
    deviceId: 'd'.repeat(43),
    answeredAt: '2025-06-01T12:00:00.000Z',
    answers: { q1: 'a' },
  }
}

function setup() {
  const server = createFakeServer({ items: [item] })
  const clock = createFakeClock()
  const api = createApi({ fetch: server.fetch, baseUrl: server.baseUrl, timers: clock })
  return { server, clock, api }
}

async function postFailure(fault: Fault): Promise<ApiError> {
  const { server, api } = setup()
  server.failNext('submissions', fault)
  const error: unknown = await api.postSubmissions({ submissions: [submission()] }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('api', () => {
  it('posts submissions and parses the per-submission results', async () => {
    const { api } = setup()
    const s = submission()
    expect(await api.postSubmissions({ submissions: [s] })).toEqual({ results: [{ id: s.id, status: 'accepted' }] })
    expect(await api.postSubmissions({ submissions: [s] })).toEqual({ results: [{ id: s.id, status: 'duplicate' }] })
  })

  it('reads items with the since cursor and parses them with the shared schema', async () => {
    const { server, api } = setup()
    const list = await api.getItems('testdorp')
    expect(list.items.map((i) => i.id)).toEqual([item.id])
    const next = await api.getItems('testdorp', list.cursor)
    expect(next.items).toEqual([])
    expect(server.requests.at(-1)?.url).toBe(`${server.baseUrl}/api/items?municipality=testdorp&since=${list.cursor}`)
  })

  it('reads one item and the municipalities', async () => {
    const { api } = setup()
    expect((await api.getItem(item.id)).id).toBe(item.id)
    expect(await api.getMunicipalities()).toEqual([{ slug: 'testdorp', name: 'Testdorp' }])
  })

  it('classifies a dropped connection as network', async () => {
    expect((await postFailure({ kind: 'drop-before' })).kind).toBe('network')
  })

  it('classifies no answer within the timeout as network', async () => {
    const { server, clock, api } = setup()
    server.failNext('submissions', { kind: 'hang' })
    const pending = api.postSubmissions({ submissions: [submission()] }).catch((e: unknown) => e)
    await until(() => clock.pendingDelays().length === 1)
    clock.advance(DEFAULT_TIMEOUT_MS)
    const error = await pending
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'network', timedOut: true, message: expect.stringContaining('15000') })
  })

  it('classifies a 500 as server (retry)', async () => {
    const error = await postFailure({ kind: 'status', status: 500 })
    expect(error).toMatchObject({ kind: 'server', status: 500, code: 'internal', retryable: true })
  })

  it('classifies a 429 as server and passes on Retry-After', async () => {
    const error = await postFailure({
      kind: 'status',
      status: 429,
      body: { error: { code: 'rate_limited', message: 'Slow down' } },
      headers: { 'retry-after': '30' },
    })
    expect(error).toMatchObject({ kind: 'server', status: 429, retryAfterMs: 30_000 })
  })

  it('classifies a 408 with our error body as server (retry), never as a refusal', async () => {
    const error = await postFailure({ kind: 'status', status: 408, body: { error: { code: 'bad_request', message: 'Too slow' } } })
    expect(error).toMatchObject({ kind: 'server', status: 408, retryable: true })
  })

  it('classifies a captive-portal HTML page with 200 as server', async () => {
    expect(await postFailure({ kind: 'html' })).toMatchObject({ kind: 'server', status: 200 })
  })

  it('classifies JSON that does not match the contract as server', async () => {
    expect(await postFailure({ kind: 'status', status: 200, body: { hello: 'portal' } })).toMatchObject({ kind: 'server' })
  })

  it('classifies a 4xx with our error body as refused, with its code', async () => {
    const error = await postFailure({ kind: 'status', status: 400, body: { error: { code: 'bad_request', message: 'No' } } })
    expect(error).toMatchObject({ kind: 'refused', status: 400, code: 'bad_request', retryable: false })
  })

  it('classifies a 4xx HTML page (from a proxy, not our API) as server, so answers are not parked', async () => {
    expect(await postFailure({ kind: 'html', status: 403 })).toMatchObject({ kind: 'server', status: 403 })
  })
})

describe('api: inbox and feedback figures', () => {
  it('reads the device inbox, passes the cursor on and parses entries with the shared schema', async () => {
    const { server, api } = setup()
    const sent = submission()
    await api.postSubmissions({ submissions: [sent] })
    const entry = server.publishFeedback(item.id, { id: crypto.randomUUID(), publishedAt: '2025-06-02T10:00:00.000Z', outcome: 'adopted', summary: 'We doen het.' })
    const first = await api.getInbox(sent.deviceId)
    expect(first.entries).toEqual([entry])
    await api.getInbox(sent.deviceId, first.cursor)
    // The device id travels in the Authorization header, never in the URL.
    expect(server.requests.at(-1)).toEqual({ method: 'GET', url: `${server.baseUrl}/api/me/inbox?since=${first.cursor}`, authorization: `Device ${sent.deviceId}` })
  })

  it('treats an inbox answer that breaks the contract as a server error (retry later)', async () => {
    const { server, api } = setup()
    server.failNext('inbox', { kind: 'status', status: 200, body: { entries: 'nope' } })
    expect(await api.getInbox('d'.repeat(43)).catch((e: unknown) => e)).toMatchObject({ kind: 'server' })
  })

  it('asks for the figures of a municipality and parses them', async () => {
    const figures = { closedItems: 4, closedWithFeedback: 3, shareWithFeedback: 0.75, medianDaysToFirstFeedback: 2 }
    const fetch = (input: RequestInfo | URL) => {
      expect(String(input)).toBe('http://x.test/api/municipalities/beverwijk/feedback-figures')
      return Promise.resolve(new Response(JSON.stringify(figures), { headers: { 'content-type': 'application/json' } }))
    }
    expect(await createApi({ fetch, baseUrl: 'http://x.test' }).getFeedbackFigures('beverwijk')).toEqual(figures)
  })
})
