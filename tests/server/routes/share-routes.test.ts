import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import QRCode from 'qrcode'
import { givenItem, givenMunicipality } from '../../support/factories'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://meepraat.beverwijk.nl' })
  await givenMunicipality(t.db)
})
afterAll(() => t.close())

/** The modules of a QR symbol for `text`, as the library computes them: what the SVG must draw. */
const modulesOf = (text: string) => QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size

describe('QR codes of short links', () => {
  it('draws the short link /i/ID of a published item as an SVG QR code', async () => {
    const id = await givenItem(t.db, t.clock.now)
    const res = await t.app.inject({ method: 'GET', url: `/api/items/${id}/qr.svg` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'")
    const expected = await QRCode.toString(`https://meepraat.beverwijk.nl/i/${id}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
    expect(res.body).toBe(expected)
    // A 41-byte link needs a version-3 symbol (29 modules) at level M, plus the quiet zone.
    expect(modulesOf(`https://meepraat.beverwijk.nl/i/${id}`)).toBeGreaterThanOrEqual(29)
    expect(res.body).toContain(`viewBox="0 0 ${modulesOf(`https://meepraat.beverwijk.nl/i/${id}`) + 8} ${modulesOf(`https://meepraat.beverwijk.nl/i/${id}`) + 8}"`)
  })

  it('draws /g/SLUG for a municipality, and answers 404 for unknown municipalities and unpublished items', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/municipalities/beverwijk/qr.svg' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(await QRCode.toString('https://meepraat.beverwijk.nl/g/beverwijk', { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } }))
    expect((await t.app.inject({ method: 'GET', url: '/api/municipalities/amsterdam/qr.svg' })).statusCode).toBe(404)
    const draft = await givenItem(t.db, t.clock.now, { publishedAt: null })
    expect((await t.app.inject({ method: 'GET', url: `/api/items/${draft}/qr.svg` })).statusCode).toBe(404)
  })
})
