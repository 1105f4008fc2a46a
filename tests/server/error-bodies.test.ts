import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../src/server/version'
import { givenMunicipality } from '../support/factories'
import { problemShapeFault } from '../support/problem-shape'
import { createTestApp, type TestApp } from '../support/test-app'

let t: TestApp
let port: number
beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  port = (t.app.server.address() as { port: number }).port
})
afterAll(async () => t.close())

/** Sends raw bytes and collects the whole answer until the server closes the connection. */
function rawRequest(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error('no answer within 10 s'))
    }, 10_000)
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    socket.write(bytes)
  })
}

function parseRaw(answer: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = answer.split('\r\n\r\n')
  const [statusLine = '', ...headerLines] = head.split('\r\n')
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') }
}

function expectContractError(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(res.statusCode).toBe(status)
  expect(problemShapeFault(res.statusCode, String(res.headers['content-type']), res.body)).toBeUndefined()
}

describe('every error has the contract body, as application/problem+json (issue 9 item 7)', () => {
  it('answers a URL with a broken %-escape with 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/items/%ZZ' })
    expectContractError(res, 400)
    expect(res.json().error.code).toBe('bad_request')
  })

  it('answers a path parameter over the length limit with 414', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${'a'.repeat(500)}` })
    expectContractError(res, 414)
    expect(res.headers['api-version']).toBe(APP_VERSION)
  })

  it('answers an unknown method on a known path, and an unknown API path, with 404', async () => {
    expectContractError(await t.app.inject({ method: 'PROPFIND', url: '/api/items' }), 404)
    expectContractError(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }), 404)
  })

  it('answers bad JSON, a wrong content type and a too large body with 400, 415 and 413', async () => {
    const post = (payload: string, contentType: string) => t.app.inject({ method: 'POST', url: '/api/submissions', payload, headers: { 'content-type': contentType } })
    const badJson = await post('{"submissions": [', 'application/json')
    expectContractError(badJson, 400)
    expect(badJson.body).not.toContain('submissions": [')
    expectContractError(await post('hello', 'text/plain'), 415)
    expectContractError(await post('<x/>', 'application/xml'), 415)
    expectContractError(await post(JSON.stringify({ submissions: [], pad: 'x'.repeat(300 * 1024) }), 'application/json'), 413)
  })

  it('names each invalid field in invalidParams', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [{ id: 5 }] } })
    expectContractError(res, 400)
    const body = res.json() as { invalidParams: { name: string; reason: string }[] }
    expect(body.invalidParams.length).toBeGreaterThan(0)
    expect(body.invalidParams.some((p) => p.name.startsWith('body/submissions/0'))).toBe(true)
  })

  it('answers bad framing, NUL in the URL and an unknown method on the wire with a whole 400 and closes', async () => {
    const cases = [
      'GET /api/items\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
      'POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n',
      'POST /api/submissions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'BREW /api/items HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /api/items HTTP/9.9\r\nHost: x\r\n\r\n',
      'hello\r\n\r\n',
    ]
    for (const request of cases) {
      const answer = parseRaw(await rawRequest(request))
      expect(answer.status, JSON.stringify(request)).toBe(400)
      expect(answer.headers.connection).toBe('close')
      expect(problemShapeFault(answer.status, answer.headers['content-type'], answer.body), JSON.stringify(request)).toBeUndefined()
    }
  })

  it('answers CONNECT (no proxy here) with 405 instead of dropping the connection', async () => {
    const answer = parseRaw(await rawRequest('CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n'))
    expect(answer.status).toBe(405)
    expect(problemShapeFault(answer.status, answer.headers['content-type'], answer.body)).toBeUndefined()
  })

  it('answers headers over the size limit with 431', async () => {
    const answer = parseRaw(await rawRequest(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`))
    expect(answer.status).toBe(431)
    expect(problemShapeFault(answer.status, answer.headers['content-type'], answer.body)).toBeUndefined()
  })

  it('gives every request a time limit for its headers and body', () => {
    expect(t.app.server.requestTimeout).toBe(30_000)
    expect(t.app.server.headersTimeout).toBe(15_000)
  })
})

describe('while the server closes', () => {
  it('answers a request that arrives on an open connection with 503 in the contract shape, not Fastify\'s own; the readiness probe too', async () => {
    const closingApp = await createTestApp()
    await closingApp.app.listen({ port: 0, host: '127.0.0.1' })
    const socket = connect((closingApp.app.server.address() as { port: number }).port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (d: Buffer) => chunks.push(d))
    const ended = new Promise((resolve) => socket.on('close', resolve))
    // A request in flight keeps the connection open while the server closes.
    const arrived = new Promise((resolve) => closingApp.app.server.once('request', resolve))
    socket.write('POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{"submissions":')
    await arrived
    const closed = closingApp.app.close()
    await expect.poll(() => closingApp.app.server.listening, { timeout: 10_000 }).toBe(false)
    // The rest of the first body, then a second request on the same connection.
    socket.write('[]}GET /api/health/ready HTTP/1.1\r\nHost: x\r\n\r\n')
    await ended
    await closed
    const second = Buffer.concat(chunks).toString('utf8').split('HTTP/1.1 ')[2] ?? ''
    const answer = parseRaw(`HTTP/1.1 ${second}`)
    expect(answer.status).toBe(503)
    expect(problemShapeFault(503, answer.headers['content-type'], answer.body)).toBeUndefined()
    await closingApp.close().catch(() => undefined)
  })
})

describe('headers on every answer', () => {
  it('sends API-Version on answers and errors', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).headers['api-version']).toBe(APP_VERSION)
    expect((await t.app.inject({ method: 'GET', url: '/api/items/%ZZ' })).headers['api-version']).toBe(APP_VERSION)
    expect((await t.app.inject({ method: 'GET', url: '/api/nope' })).headers['api-version']).toBe(APP_VERSION)
  })

  it('sends Strict-Transport-Security only for requests over HTTPS (here: a trusted proxy says so)', async () => {
    const proxied = await createTestApp({ trustProxy: ['127.0.0.1'] })
    try {
      const overHttps = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
      expect(overHttps.headers['strict-transport-security']).toMatch(/max-age=\d+/)
      const overHttp = await proxied.app.inject({ method: 'GET', url: '/api/health' })
      expect(overHttp.headers['strict-transport-security']).toBeUndefined()
    } finally {
      await proxied.close()
    }
    // Without a trusted proxy, anyone could send the header: it does not count.
    const untrusted = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(untrusted.headers['strict-transport-security']).toBeUndefined()
  })

  it('sends Strict-Transport-Security on every answer when PUBLIC_URL is https', async () => {
    const https = await createTestApp({ publicUrl: 'https://meepraat.example' })
    try {
      expect((await https.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toMatch(/max-age=\d+/)
    } finally {
      await https.close()
    }
  })
})
