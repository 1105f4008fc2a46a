import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { CONTENT_SECURITY_POLICY } from '../../../src/server/plugins/security-headers'
import { findMunicipalitySettings, saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { EmbedOriginListSchema, MunicipalitySettingsSchema } from '../../../src/shared/schemas/municipality-settings'
import { givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const residentPage = '<!doctype html><html lang="nl"><title>Meepraat</title><body>app</body></html>'
const backOfficePage = '<!doctype html><html lang="nl"><title>Meepraat beheer</title><body>beheer</body></html>'
const embedPage = '<!doctype html><html lang="nl"><title>Meepraat widget</title><body>widget</body></html>'

let root: string
let testDb: TestDatabase
let app: FastifyInstance
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'meepraat-embed-'))
  writeFileSync(path.join(root, 'index.html'), residentPage)
  mkdirSync(path.join(root, 'beheer'))
  writeFileSync(path.join(root, 'beheer', 'index.html'), backOfficePage)
  mkdirSync(path.join(root, 'embed'))
  writeFileSync(path.join(root, 'embed', 'index.html'), embedPage)
  testDb = await createTestDatabase()
  app = await buildApp({ database: testDb.database, ownsDatabase: false, notifier: createMemoryNotifier(), staticDir: root })
  await givenMunicipality(testDb.database.db)
})
beforeEach(() => allowOrigins([]))
afterAll(async () => {
  await app.close()
  await testDb.dispose()
  rmSync(root, { recursive: true, force: true })
})

async function allowOrigins(origins: string[]): Promise<void> {
  const db = testDb.database.db
  const settings = (await findMunicipalitySettings(db, 'beverwijk'))!
  await saveMunicipalitySettings(db, 'beverwijk', MunicipalitySettingsSchema.parse({ ...settings, embedOrigins: origins }))
}

const frameAncestors = (policy: unknown) => String(policy).split('; ').filter((d) => d.startsWith('frame-ancestors'))

describe('the embeddable widget page /embed/SLUG', () => {
  it('lists exactly the two allowed origins in frame-ancestors and sends no X-Frame-Options', async () => {
    await allowOrigins(['https://www.beverwijk.nl', 'https://jongeren.beverwijk.nl:8443'])
    const res = await app.inject({ method: 'GET', url: '/embed/beverwijk', headers: { 'accept-encoding': 'identity' } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(embedPage)
    expect(frameAncestors(res.headers['content-security-policy'])).toEqual(['frame-ancestors https://www.beverwijk.nl https://jongeren.beverwijk.nl:8443'])
    expect(res.headers['x-frame-options']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-cache')
    // The rest of the policy is the app's own: nothing else is loosened.
    expect(String(res.headers['content-security-policy']).replace(/frame-ancestors [^;]+/, "frame-ancestors 'none'")).toBe(CONTENT_SECURITY_POLICY)
  })

  it("keeps frame-ancestors 'none' and X-Frame-Options DENY when no origin is allowed", async () => {
    const res = await app.inject({ method: 'GET', url: '/embed/beverwijk' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(frameAncestors(res.headers['content-security-policy'])).toEqual(["frame-ancestors 'none'"])
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it("leaves every other page at frame-ancestors 'none', also while the widget may be framed", async () => {
    await allowOrigins(['https://www.beverwijk.nl'])
    for (const url of ['/', '/g/beverwijk', '/i/0b6a3c1e-3f52-4e8b-9d3a-0f3c1d2e4b5a', '/beheer/gemeente', '/embed/index.html', '/api/municipalities/beverwijk']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers['x-frame-options'], url).toBe('DENY')
    }
  })

  it("answers an unknown or malformed slug with the widget's page as a 404, never framable", async () => {
    await allowOrigins(['https://www.beverwijk.nl'])
    for (const url of ['/embed/amsterdam', '/embed/NOT_A_SLUG']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } })
      expect(res.statusCode, url).toBe(404)
      expect(res.body, url).toBe(embedPage)
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers['x-frame-options'], url).toBe('DENY')
    }
  })
})

describe('short links /g/SLUG and /i/ID', () => {
  it("are answered with the residents' app page", async () => {
    for (const url of ['/g/beverwijk', '/i/0b6a3c1e-3f52-4e8b-9d3a-0f3c1d2e4b5a', '/g/onbekend']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } })
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toBe(residentPage)
      expect(res.headers['cache-control'], url).toBe('no-cache')
    }
  })
})

describe('allowed embedding origins', () => {
  it('accepts https origins (and http on this machine), written in lower case', () => {
    expect(EmbedOriginListSchema.parse([' https://WWW.Beverwijk.nl ', 'https://a.b.nl:8443', 'http://127.0.0.1:5173', 'http://localhost:3000'])).toEqual([
      'https://www.beverwijk.nl',
      'https://a.b.nl:8443',
      'http://127.0.0.1:5173',
      'http://localhost:3000',
    ])
  })

  it('refuses paths, other schemes, plain http elsewhere, wildcards, keywords and repeats', () => {
    for (const bad of ['https://www.beverwijk.nl/', 'https://www.beverwijk.nl/widget', 'http://www.beverwijk.nl', 'ftp://beverwijk.nl', 'https://*.beverwijk.nl', "'self'", '*', 'https://a.nl https://b.nl', 'https://a.nl;script-src *', 'www.beverwijk.nl']) {
      expect(EmbedOriginListSchema.safeParse([bad]).success, bad).toBe(false)
    }
    expect(EmbedOriginListSchema.safeParse(['https://a.nl', 'https://A.nl']).success).toBe(false)
    expect(EmbedOriginListSchema.safeParse(Array.from({ length: 21 }, (_, n) => `https://s${n}.nl`)).success).toBe(false)
  })
})
