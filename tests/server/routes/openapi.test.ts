import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unversionedUrl } from '../../../src/server/app'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

interface Response {
  description?: string
  headers?: Record<string, { $ref?: string }>
  content?: Record<string, { schema?: { $ref?: string } }>
}
interface Operation {
  responses: Record<string, Response>
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string }[]
  requestBody?: unknown
  operationId?: string
}
interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string; contact?: { name?: string; url?: string; email?: string } }
  servers?: { url: string }[]
  paths: Record<string, Record<string, Operation>>
  components?: {
    schemas?: Record<string, { properties?: Record<string, unknown>; required?: string[] }>
    headers?: Record<string, unknown>
    securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }>
  }
}

async function openapi(url = '/api/openapi.json'): Promise<OpenApiDoc> {
  const res = await t.app.inject({ method: 'GET', url })
  expect(res.statusCode).toBe(200)
  return res.json() as OpenApiDoc
}

function operations(doc: OpenApiDoc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op] as [string, Operation]))
}

/** Every `$ref` in the document, to check each one points at something. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, found)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v)
      else refs(v, found)
    }
  }
  return found
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with info, paths and component schemas', async () => {
    const doc = await openapi()
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(doc.info.title).toBe('Meepraat API')
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0)
    for (const name of ['Item', 'ItemList', 'Health', 'Municipality', 'ErrorBody', 'SubmissionBatch', 'Results']) {
      expect(doc.components?.schemas, name).toHaveProperty(name)
    }
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0)
    }
  })

  it('documents every API route in the server route table', async () => {
    const doc = await openapi()
    const base = doc.servers?.[0]?.url ?? ''
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${unversionedUrl(`${base}${p}`).replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    )
    const served = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`)
    expect(served.length).toBeGreaterThanOrEqual(6)
    for (const route of served) expect(documented, route).toContain(route)
  })

  it('is served under /api/v1 too, and its servers point at /api/v1 with the major version', async () => {
    const doc = await openapi('/api/v1/openapi.json')
    expect(doc.servers?.map((s) => s.url)).toEqual(['/api/v1'])
    expect(doc).toEqual(await openapi('/api/openapi.json'))
  })

  it('names a contact with name, url and e-mail address', async () => {
    const { contact } = (await openapi()).info
    expect(contact).toEqual({ name: expect.any(String), url: expect.stringMatching(/^https?:\/\//), email: expect.stringContaining('@') })
  })

  it('carries no $id in any schema (a `#` in $id is invalid in OpenAPI 3.1) and every $ref resolves', async () => {
    const doc = await openapi()
    expect(JSON.stringify(doc)).not.toContain('"$id"')
    for (const ref of refs(doc)) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc)
      expect(target, ref).toBeDefined()
    }
  })

  it('gives every response a description and the API-Version header', async () => {
    const doc = await openapi()
    expect(doc.components?.headers).toHaveProperty('ApiVersion')
    for (const [route, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${route} ${status}`).toBeTruthy()
        expect(response.headers?.['API-Version'], `${route} ${status}`).toEqual({ $ref: '#/components/headers/ApiVersion' })
      }
    }
  })

  it('describes every error as application/problem+json with the shared Problem schema', async () => {
    const doc = await openapi()
    const problem = doc.components?.schemas?.Problem
    expect(Object.keys(problem?.properties ?? {})).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'invalidParams', 'error']))
    expect(problem?.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'error']))
    let errors = 0
    for (const [route, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue
        errors++
        expect(Object.keys(response.content ?? {}), `${route} ${status}`).toEqual(['application/problem+json'])
      }
      // Every change and every read with parameters can answer invalid input.
      if (!route.startsWith('GET') || (op.parameters ?? []).length > 0) expect(op.responses, route).toHaveProperty('400')
    }
    expect(errors).toBeGreaterThan(50)
    const itemNotFound = doc.paths['/items/{id}']?.get?.responses['404']
    expect(itemNotFound?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' })
  })

  it('declares the session cookie, the CSRF header and Authorization: Device, and asks officials for them', async () => {
    const doc = await openapi()
    expect(doc.components?.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'meepraat_session' }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
      deviceAuth: expect.objectContaining({ type: 'http', scheme: 'Device' }),
    })
    expect(doc.paths['/official/items']?.get?.security).toEqual([{ sessionCookie: [] }])
    expect(doc.paths['/official/items']?.post?.security).toEqual([{ sessionCookie: [], csrfToken: [] }])
    expect(doc.paths['/items']?.get?.security).toEqual([])
  })

  it('gives every operation a unique operationId', async () => {
    const ids = operations(await openapi()).map(([, op]) => op.operationId)
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
