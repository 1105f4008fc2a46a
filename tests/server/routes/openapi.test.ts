import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
  components?: { schemas?: Record<string, unknown> }
}

async function openapi(): Promise<OpenApiDoc> {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
  expect(res.statusCode).toBe(200)
  return res.json() as OpenApiDoc
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
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    )
    const served = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`)
    expect(served.length).toBeGreaterThanOrEqual(6)
    for (const route of served) expect(documented, route).toContain(route)
  })
})
