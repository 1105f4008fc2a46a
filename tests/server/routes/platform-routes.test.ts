import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HealthSchema } from '../../../src/shared/schemas/health'
import { MunicipalityListSchema } from '../../../src/shared/schemas/municipality'
import { ErrorBodySchema } from '../../../src/shared/schemas/error'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenMunicipality } from '../../support/factories'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
})
afterAll(async () => t.close())

describe('GET /api/health', () => {
  it('reports ok, the database kind and the version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    const health = HealthSchema.parse(res.json())
    expect(health.database).toBe(process.env.DATABASE_URL ? 'postgres' : 'embedded')
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('sends a strict Content-Security-Policy and nosniff on every answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('GET /api/municipalities', () => {
  it('lists municipalities by name with their region', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities' })
    const list = MunicipalityListSchema.parse(res.json())
    expect(list.map((m) => m.slug)).toEqual(['beverwijk', 'velsen'])
    expect(list[0]?.region).toBe('IJmond')
  })
})

describe('unknown routes', () => {
  it('answer 404 with the contract error body', async () => {
    for (const url of ['/api/nothing', '/api', '/api/items/00000000-0000-4000-8000-000000000000/nope']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('not_found')
    }
  })

  it('answer 404 JSON for a wrong method on a known path', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/municipalities' })
    expect(res.statusCode).toBe(404)
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('not_found')
  })
})
