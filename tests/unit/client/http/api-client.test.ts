import { describe, expect, expectTypeOf, it } from 'vitest'
import { createBeheerApi, BeheerApiError } from '../../../../src/client/beheer/beheer-api'
import { ApiError, createHttpClient } from '../../../../src/client/http/api-client'
import { itemRoutes } from '../../../../src/shared/routes/item-routes'
import { officialItemRoutes } from '../../../../src/shared/routes/official-item-routes'
import type { Item } from '../../../../src/shared/schemas/item'
import { createFakeClock, makeItem, until } from '../../../support/fake-server'

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

const problem = (status: number, code: string, detail: string) => ({ type: 'about:blank', title: 'Conflict', status, detail, code, error: { code, message: detail } })

/** A fetch that never answers until the request is aborted, as a dead connection behaves. */
function hangingFetch(): { fetch: typeof fetch; calls: number } {
  const state = { calls: 0, fetch: undefined as unknown as typeof fetch }
  state.fetch = (_input, init) => {
    state.calls++
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error))
    })
  }
  return state
}

describe('the typed HTTP client', () => {
  it('builds the address from the route table, encodes params and leaves out absent query values', async () => {
    const seen: string[] = []
    const item = makeItem()
    const http = createHttpClient({ baseUrl: 'http://x.test/', timeoutMs: 1000, fetch: async (input) => (seen.push(String(input)), json(String(input).includes('?') ? { items: [item], cursor: 'c' } : item)) })
    await http.call(itemRoutes.get, { params: { id: 'a/b' } })
    await http.call(itemRoutes.list, { query: { municipality: 'beverwijk', since: undefined } })
    expect(seen).toEqual(['http://x.test/api/items/a%2Fb', 'http://x.test/api/items?municipality=beverwijk'])
  })

  it('parses the answer with the route response schema and infers its type', async () => {
    const item = makeItem()
    const http = createHttpClient({ timeoutMs: 1000, fetch: async () => json(item) })
    const answer = await http.call(itemRoutes.get, { params: { id: item.id } })
    expectTypeOf(answer).toEqualTypeOf<Item>()
    expect(answer.id).toBe(item.id)
  })

  it('gives up after its timeout through AbortSignal.timeout, as a network error that says it timed out', async () => {
    const hanging = hangingFetch()
    const http = createHttpClient({ timeoutMs: 5, fetch: hanging.fetch })
    const error = await http.call(itemRoutes.list, { query: { municipality: 'beverwijk' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'network', code: 'network', timedOut: true, retryable: true, message: 'No answer within 5 ms' })
  })

  it('runs the timeout on injected timers, so a test can fire it without waiting', async () => {
    const clock = createFakeClock()
    const hanging = hangingFetch()
    const http = createHttpClient({ timeoutMs: 20_000, timers: clock, fetch: hanging.fetch })
    const pending = http.call(itemRoutes.list, { query: { municipality: 'beverwijk' } }).catch((e: unknown) => e)
    await until(() => clock.pendingDelays().length === 1)
    expect(clock.pendingDelays()).toEqual([20_000])
    clock.advance(20_000)
    expect(await pending).toMatchObject({ kind: 'network', timedOut: true })
  })

  it('fails with one error type carrying status, code and the problem body', async () => {
    const body = problem(409, 'conflict', 'This item is already published')
    const http = createHttpClient({ timeoutMs: 1000, fetch: async () => json(body, 409, { 'content-type': 'application/problem+json' }) })
    const error = await http.call(officialItemRoutes.publish, { params: { id: crypto.randomUUID() } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'refused', status: 409, code: 'conflict', message: 'This item is already published', problem: body, retryable: false })
  })

  it('names what an answer without a problem body means: rate limited, or an answer that breaks the contract', async () => {
    const limited = createHttpClient({ timeoutMs: 1000, fetch: async () => new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }) })
    expect(await limited.call(itemRoutes.get, { params: { id: 'x' } }).catch((e: unknown) => e)).toMatchObject({ kind: 'server', status: 429, code: 'rate_limited', retryAfterMs: 7000, problem: undefined })
    const broken = createHttpClient({ timeoutMs: 1000, fetch: async () => json({ hello: 'portal' }) })
    expect(await broken.call(itemRoutes.get, { params: { id: 'x' } }).catch((e: unknown) => e)).toMatchObject({ kind: 'server', status: 200, code: 'invalid_response' })
  })

  it('sends JSON with the per-route headers on changes and shows every error to onError with its route', async () => {
    const sent: RequestInit[] = []
    const seen: string[] = []
    const http = createHttpClient({
      timeoutMs: 1000,
      fetch: async (_input, init) => (sent.push(init ?? {}), json(problem(404, 'not_found', 'item not found'), 404)),
      headers: (route) => (route.method === 'GET' ? {} : { 'x-csrf-token': 'tok' }),
      onError: (error, route) => seen.push(`${route.method} ${route.path} ${error.status}`),
    })
    await http.call(officialItemRoutes.close, { params: { id: 'i' } }).catch(() => undefined)
    const headers = sent[0]?.headers as Record<string, string>
    expect(sent[0]).toMatchObject({ method: 'POST', body: '{}' })
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 'tok' })
    expect(seen).toEqual(['POST /official/items/:id/close 404'])
  })
})

describe('the back-office client on the typed HTTP client', () => {
  it('has a request timeout now: a hanging request ends as a network error', async () => {
    const hanging = hangingFetch()
    const api = createBeheerApi({ csrf: () => 'tok', fetch: hanging.fetch, timeoutMs: 5 })
    const error = await api.listItems().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BeheerApiError)
    expect(error).toMatchObject({ code: 'network', timedOut: true })
  })

  it('reports a lapsed session (401) once, but not a failed sign-in', async () => {
    let lapsed = 0
    const api = createBeheerApi({ csrf: () => undefined, onUnauthorized: () => lapsed++, fetch: async () => json(problem(401, 'unauthorized', 'Sign in first'), 401) })
    await expect(api.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    await expect(api.login('a@b.nl', 'x')).rejects.toMatchObject({ status: 401 })
    expect(lapsed).toBe(1)
  })
})
