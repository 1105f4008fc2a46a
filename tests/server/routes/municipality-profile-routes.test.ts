import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { municipalities, municipalityLogos } from '../../../src/server/db/schema'
import { saveMunicipalitySettings } from '../../../src/server/repos/municipality-repo'
import { MunicipalityProfileSchema, MunicipalitySettingsSchema } from '../../../src/shared/schemas/municipality-settings'
import { givenMunicipality } from '../../support/factories'
import { problemShapeFault } from '../../support/problem-shape'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())
beforeEach(async () => {
  await t.db.execute(sql`delete from municipality_logos`)
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
})

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#5115ef"/></svg>'

/** Logos are written straight into the table: uploading and sanitising is the admin side's job. */
async function givenLogo(slug: string, bytes: Buffer, contentType: 'image/svg+xml' | 'image/png'): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('base64url')
  await t.db.insert(municipalityLogos).values({ municipality: slug, contentType, bytes, sha256 }).onConflictDoUpdate({ target: municipalityLogos.municipality, set: { contentType, bytes, sha256 } })
  return sha256
}

async function givenTokens(tokens: Record<string, string>): Promise<void> {
  await saveMunicipalitySettings(t.db, 'beverwijk', MunicipalitySettingsSchema.parse({ theme: { tokens } }))
}

describe('GET /api/municipalities/:slug', () => {
  it('answers the public profile with region, defaults filled in and same-origin theme URL', async () => {
    await saveMunicipalitySettings(t.db, 'beverwijk', MunicipalitySettingsSchema.parse({
      contact: { website: 'https://www.beverwijk.nl', email: 'info@beverwijk.nl' },
      controller: { name: 'College van B&W van Beverwijk', email: 'privacy@beverwijk.nl' },
      dataProtectionOfficer: { name: 'Functionaris gegevensbescherming', email: 'fg@beverwijk.nl' },
      accessibilityStatement: { url: 'https://www.beverwijk.nl/toegankelijkheid' },
    }))
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })
    expect(res.statusCode).toBe(200)
    const profile = MunicipalityProfileSchema.parse(res.json())
    expect(profile).toMatchObject({
      slug: 'beverwijk', name: 'Beverwijk', region: { slug: 'ijmond', name: 'IJmond' }, areas: ['Centrum', 'Noord'],
      themeClass: 'mp-theme-beverwijk', contact: { website: 'https://www.beverwijk.nl', email: 'info@beverwijk.nl' },
      controller: { name: 'College van B&W van Beverwijk' }, dataProtectionOfficer: { email: 'fg@beverwijk.nl' },
      accessibilityStatement: { url: 'https://www.beverwijk.nl/toegankelijkheid' },
      retention: { answersMonths: 12, nonSelectedDays: 30, memberDays: 90, interestConfirmMonths: 12 }, resultsMinDevices: 5, signalResponseDays: 42,
    })
    expect(profile.themeCssUrl).toMatch(/^\/api\/municipalities\/beverwijk\/theme\.css\?v=[\w-]+$/)
    expect(profile.logoUrl).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('answers 404 in the contract\'s error shape for an unknown municipality, and 400 for a malformed slug', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities/atlantis' })
    expect(res.statusCode).toBe(404)
    expect(problemShapeFault(404, String(res.headers['content-type']), res.body)).toBeUndefined()
    expect(res.json().error.code).toBe('not_found')
    const bad = await t.app.inject({ method: 'GET', url: '/api/municipalities/Not%20A%20Slug' })
    expect(bad.statusCode).toBe(400)
    expect(problemShapeFault(400, String(bad.headers['content-type']), bad.body)).toBeUndefined()
  })

  it('gives a logo URL versioned by the logo\'s hash once there is a logo', async () => {
    const sha = await givenLogo('beverwijk', Buffer.from(SVG), 'image/svg+xml')
    const profile = MunicipalityProfileSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })).json())
    expect(profile.logoUrl).toBe(`/api/municipalities/beverwijk/logo?v=${sha}`)
  })

  it('never copies settings residents may not see (unknown keys in the stored document)', async () => {
    await t.db.update(municipalities).set({ settings: { contact: {}, adminNotes: 'intern' } }).where(sql`slug = 'beverwijk'`)
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('intern')
  })
})

describe('GET /api/municipalities/:slug/theme.css', () => {
  it('serves the tokens under the theme class as text/css, immutable under the profile\'s versioned URL', async () => {
    await givenTokens({ '--utrecht-button-primary-action-background-color': '#5115ef', '--meepraat-color-primary': '#3b0fb0' })
    const profile = MunicipalityProfileSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })).json())
    const res = await t.app.inject({ method: 'GET', url: profile.themeCssUrl })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.body).toContain(':root.mp-theme-beverwijk,\n.mp-theme-beverwijk {')
    expect(res.body).toContain('  --utrecht-button-primary-action-background-color: #5115ef;')
    expect(res.body).toContain('  --meepraat-color-primary: #3b0fb0;')
  })

  it('changes its URL when the tokens change, and an old or missing version must revalidate', async () => {
    const first = MunicipalityProfileSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })).json()).themeCssUrl
    await givenTokens({ '--meepraat-color-primary': '#00568b' })
    const second = MunicipalityProfileSchema.parse((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })).json()).themeCssUrl
    expect(second).not.toBe(first)
    const old = await t.app.inject({ method: 'GET', url: first })
    expect(old.headers['cache-control']).toBe('no-cache')
    expect(old.body).toContain('#00568b')
    expect((await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/theme.css' })).headers['cache-control']).toBe('no-cache')
  })

  it('re-validates stored values on output: a value that could load or break out of its declaration is left out', async () => {
    // As an older version or a hand edit might have left the document.
    const stored = { '--meepraat-color-primary': '#123456', '--utrecht-link-color': "red'", '--utrecht-x': 'url(https://evil.example/x)', '--utrecht-y': 'red; } body { display: none' }
    const { themeCss } = await import('../../../src/server/theme/theme-css')
    const css = themeCss('beverwijk', stored)
    expect(css).toContain('--meepraat-color-primary: #123456;')
    expect(css).not.toMatch(/evil|display|red'/)
  })

  it('answers 404 in the contract\'s error shape for an unknown municipality', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities/atlantis/theme.css' })
    expect(res.statusCode).toBe(404)
    expect(problemShapeFault(404, String(res.headers['content-type']), res.body)).toBeUndefined()
  })
})

describe('GET /api/municipalities/:slug/logo', () => {
  it('serves an SVG logo same-origin with a CSP that runs nothing, nosniff, immutable when versioned', async () => {
    const sha = await givenLogo('beverwijk', Buffer.from(SVG), 'image/svg+xml')
    const res = await t.app.inject({ method: 'GET', url: `/api/municipalities/beverwijk/logo?v=${sha}` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/svg+xml')
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.body).toBe(SVG)
    const unversioned = await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/logo' })
    expect(unversioned.headers['cache-control']).toBe('no-cache')
  })

  it('serves a PNG logo byte for byte', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const sha = await givenLogo('beverwijk', png, 'image/png')
    const res = await t.app.inject({ method: 'GET', url: `/api/municipalities/beverwijk/logo?v=${sha}` })
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.rawPayload.equals(png)).toBe(true)
  })

  it('answers 404 without a logo and for an unknown municipality; the app\'s own CSP stays on other routes', async () => {
    for (const url of ['/api/municipalities/beverwijk/logo', '/api/municipalities/atlantis/logo']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(404)
      expect(problemShapeFault(404, String(res.headers['content-type']), res.body)).toBeUndefined()
    }
    const profile = await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk' })
    expect(profile.headers['content-security-policy']).toContain("default-src 'self'")
  })
})
