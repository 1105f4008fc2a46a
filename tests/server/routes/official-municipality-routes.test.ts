import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, municipalityLogos } from '../../../src/server/db/schema'
import type { MunicipalityAdmin } from '../../../src/shared/schemas/municipality-admin'
import type { MunicipalitySettingsUpdate } from '../../../src/shared/schemas/municipality-settings'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createTestApp, type TestApp } from '../../support/test-app'

let t: TestApp
let admin: Session
let velsenAdmin: Session

beforeAll(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(t.db, 'velsen', 'Velsen')
  await givenOfficial(t.db, 'beverwijk', 'admin', 'admin@beverwijk.nl')
  await givenOfficial(t.db, 'velsen', 'admin', 'admin@velsen.nl')
  admin = await signIn(t.app, 'admin@beverwijk.nl')
  velsenAdmin = await signIn(t.app, 'admin@velsen.nl')
})
afterAll(async () => t.close())

const read = async (session: Session) => (await t.app.inject({ url: '/api/official/municipality', headers: session.headers })).json() as MunicipalityAdmin
const put = (session: Session, body: unknown) => t.app.inject({ method: 'PUT', url: '/api/official/municipality', headers: session.headers, payload: body as object })
const upload = (session: Session, contentType: string, payload: string | Buffer) =>
  t.app.inject({ method: 'PUT', url: '/api/official/municipality/logo', headers: { ...session.headers, 'content-type': contentType }, payload })

function update(current: MunicipalityAdmin, changes: Partial<MunicipalitySettingsUpdate> = {}): MunicipalitySettingsUpdate {
  return { name: current.name, areas: current.areas, themes: current.themes, settings: current.settings, ...changes }
}

describe('GET /api/official/municipality', () => {
  it('gives the admin their own municipality with its vocabulary and every setting filled in', async () => {
    const m = await read(admin)
    expect(m).toMatchObject({ slug: 'beverwijk', name: 'Beverwijk', region: 'ijmond', areas: ['Centrum', 'Noord'], themes: ['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer'], logo: null })
    expect(m.settings.retention).toEqual({ nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 })
  })
})

describe('PUT /api/official/municipality', () => {
  it('stores name, areas, themes and settings, and audits which fields changed without their values', async () => {
    const before = await read(admin)
    const settings = {
      ...before.settings,
      contact: { website: 'https://www.beverwijk.nl', email: 'info@beverwijk.nl', phone: '0251 256 256', postalAddress: 'Postbus 450, 1940 AL Beverwijk' },
      dataProtectionOfficer: { name: 'Anna de Vries', email: 'fg@beverwijk.nl' },
      theme: { tokens: { '--utrecht-button-primary-action-background-color': '#00589c' } },
      retention: { ...before.settings.retention, memberDays: 120 },
    }
    const res = await put(admin, update(before, { name: 'Gemeente Beverwijk', areas: ['Centrum', 'Noord', 'Wijk aan Zee'], settings }))
    expect(res.statusCode, res.body).toBe(200)
    const after = await read(admin)
    expect(after).toMatchObject({ name: 'Gemeente Beverwijk', areas: ['Centrum', 'Noord', 'Wijk aan Zee'], settings })
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'municipality.update'))
    expect(entry?.municipality).toBe('beverwijk')
    expect(entry?.details).toMatchObject({ areasAdded: ['Wijk aan Zee'], areasRemoved: [], themesAdded: [], themesRemoved: [] })
    expect((entry?.details as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['name', 'areas', 'settings.contact.website', 'settings.dataProtectionOfficer', 'settings.retention.memberDays', 'settings.theme.tokens.--utrecht-button-primary-action-background-color']),
    )
    expect(JSON.stringify(entry?.details)).not.toMatch(/Anna|fg@beverwijk|00589c/)
  })

  it('refuses a bad URL, a bad e-mail and a result minimum below 5 with 400 and invalidParams, and changes nothing', async () => {
    const before = await read(admin)
    const bad = update(before, {
      name: 'Nieuwe naam',
      settings: { ...before.settings, contact: { website: 'javascript:alert(1)', email: 'geen-adres' }, accessibilityStatement: { url: 'ftp://example.nl/x' }, resultsMinDevices: 3 },
    })
    const res = await put(admin, bad)
    expect(res.statusCode).toBe(400)
    const params = (res.json() as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)
    expect(params).toEqual(expect.arrayContaining(['body/settings/contact/website', 'body/settings/contact/email', 'body/settings/accessibilityStatement/url', 'body/settings/resultsMinDevices']))
    expect(await read(admin)).toEqual(before)
  })

  it('refuses themes named twice and a list without themes', async () => {
    const before = await read(admin)
    expect((await put(admin, update(before, { themes: ['meedoen', 'Meedoen'] }))).statusCode).toBe(400)
    expect((await put(admin, update(before, { themes: [] }))).statusCode).toBe(400)
  })

  it('refuses to remove a theme an item that has not closed yet uses, and allows it once no open item does', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { theme: 'rondkomen' })
    const before = await read(admin)
    const without = update(before, { themes: before.themes.filter((th) => th !== 'rondkomen') })
    const refused = await put(admin, without)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: { code: 'theme_in_use' } })
    expect((await read(admin)).themes).toContain('rondkomen')
    const close = await t.app.inject({ method: 'POST', url: `/api/official/items/${itemId}/close`, headers: admin.headers, payload: {} })
    expect(close.statusCode, close.body).toBe(200)
    t.clock.advance(1000)
    expect((await put(admin, without)).statusCode).toBe(200)
    expect((await read(admin)).themes).not.toContain('rondkomen')
  })

  it('lets an admin change only their own municipality: Velsen\'s admin leaves Beverwijk as it was', async () => {
    const beverwijk = await read(admin)
    const velsen = await read(velsenAdmin)
    expect(velsen.slug).toBe('velsen')
    const res = await put(velsenAdmin, update(velsen, { name: 'Gemeente Velsen', areas: ['IJmuiden'] }))
    expect(res.statusCode).toBe(200)
    expect((res.json() as MunicipalityAdmin).slug).toBe('velsen')
    expect(await read(admin)).toEqual(beverwijk)
    // The body has no field that names a municipality: one sent anyway is not taken.
    const sneaky = await put(velsenAdmin, { ...update(velsen), slug: 'beverwijk', municipality: 'beverwijk' })
    expect(sneaky.statusCode).toBe(200)
    expect(await read(admin)).toEqual(beverwijk)
  })
})

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">'
const svgWith = (inner: string, rootAttributes = '') => `${SVG.replace('>', `${rootAttributes}>`)}${inner}</svg>`

describe('PUT /api/official/municipality/logo', () => {
  it('stores an SVG rebuilt from the allowlist: editors\' metadata and comments are left out, shapes kept', async () => {
    const source = `<?xml version="1.0"?>\n<!-- made with a drawing program -->\n${svgWith('<metadata><rdf>x</rdf></metadata><title>Logo &amp; naam</title><g fill="url(#grad)" data-x="1"><rect width="20" height="10"/></g><defs><linearGradient id="grad"><stop offset="0" stop-color="#036"/></linearGradient></defs>', ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.2"')}`
    const res = await upload(admin, 'image/svg+xml', source)
    expect(res.statusCode, res.body).toBe(200)
    const [row] = await t.db.select().from(municipalityLogos).where(eq(municipalityLogos.municipality, 'beverwijk'))
    const stored = Buffer.from(row!.bytes).toString('utf8')
    expect(stored).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><title>Logo &amp; naam</title><g fill="url(#grad)"><rect width="20" height="10"/></g><defs><linearGradient id="grad"><stop offset="0" stop-color="#036"/></linearGradient></defs></svg>',
    )
    expect(row!.contentType).toBe('image/svg+xml')
    expect((await read(admin)).logo).toEqual({ contentType: 'image/svg+xml', sha256: row!.sha256, bytes: row!.bytes.length })
  })

  const refused: [string, string][] = [
    ['a script element', svgWith('<script>alert(1)</script>')],
    ['a script hidden in a dropped element', svgWith('<metadata><script>alert(1)</script></metadata>')],
    ['a foreignObject', svgWith('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>')],
    ['an event handler', svgWith('<rect width="1" height="1" onclick="alert(1)"/>')],
    ['an event handler on the root', svgWith('<rect width="1" height="1"/>', ' onload="alert(1)"')],
    ['a javascript: link', svgWith('<use href="javascript:alert(1)"/>')],
    ['an external link', svgWith('<use xlink:href="https://evil.example/x.svg#a" xmlns:xlink="http://www.w3.org/1999/xlink"/>')],
    ['a style with @import', svgWith('<style>@import url(https://evil.example/a.css);</style>')],
    ['a style with an outside url()', svgWith('<style>rect { fill: url("https://evil.example/p.png") }</style>')],
    ['a style attribute with an outside url()', svgWith('<rect width="1" height="1" style="fill:url(https://evil.example/x)"/>')],
    ['an entity declaration', `<!DOCTYPE svg [<!ENTITY x "y">]>${svgWith('<text>&x;</text>')}`],
    ['another root element', '<html><body>hoi</body></html>'],
    ['broken XML', `${SVG}<rect`],
  ]
  for (const [what, svg] of refused) {
    it(`refuses an SVG with ${what} with 400 logo_unsafe and keeps the stored logo`, async () => {
      const before = (await read(admin)).logo
      const res = await upload(admin, 'image/svg+xml', svg)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json()).toMatchObject({ error: { code: 'logo_unsafe' } })
      expect((await read(admin)).logo).toEqual(before)
    })
  }

  it('refuses a logo over 200 KiB with 400 logo_too_large, and a far larger body with 413', async () => {
    const big = svgWith(`<path d="M0 0 ${'L1 1 '.repeat(45_000)}"/>`)
    expect(Buffer.byteLength(big)).toBeGreaterThan(200 * 1024)
    const res = await upload(admin, 'image/svg+xml', big)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: { code: 'logo_too_large' } })
    const huge = await upload(admin, 'image/png', Buffer.alloc(2 * 1024 * 1024))
    expect(huge.statusCode).toBe(413)
  })

  it('stores a PNG checked by its signature and refuses a file that only says it is a PNG', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-rest-of-a-small-png')])
    const ok = await upload(admin, 'image/png', png)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ contentType: 'image/png', bytes: png.length })
    const fake = await upload(admin, 'image/png', Buffer.from('<svg><script>alert(1)</script></svg>'))
    expect(fake.statusCode).toBe(400)
    expect(fake.json()).toMatchObject({ error: { code: 'logo_unsafe' } })
    const gif = await upload(admin, 'image/gif', Buffer.from('GIF89a'))
    expect(gif.statusCode).toBe(415)
  })

  it('audits uploads and removal with type, size and hash but never the bytes', async () => {
    const del = await t.app.inject({ method: 'DELETE', url: '/api/official/municipality/logo', headers: admin.headers })
    expect(del.statusCode).toBe(200)
    expect((await read(admin)).logo).toBeNull()
    const entries = (await t.db.select().from(auditLog)).filter((a) => a.action.startsWith('municipality.logo.'))
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['municipality.logo.replace', 'municipality.logo.remove']))
    expect(JSON.stringify(entries.map((e) => e.details))).not.toMatch(/rect|linearGradient|IHDR/)
  })
})

describe('the logo of one municipality', () => {
  it('is changed by its own admin only', async () => {
    await upload(velsenAdmin, 'image/svg+xml', svgWith('<circle r="4" cx="5" cy="5"/>'))
    expect((await read(admin)).logo).toBeNull()
    expect((await read(velsenAdmin)).logo?.contentType).toBe('image/svg+xml')
  })
})
