import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditPageSchema, type AuditLogEntry } from '../../../src/shared/schemas/audit-log'
import { recordAudit } from '../../../src/server/repos/audit-repo'
import { createTestApp, type TestApp } from '../../support/test-app'
import { givenItem, givenMunicipality } from '../../support/factories'
import { givenOfficial, signIn, type Session } from '../../support/officials'

let t: TestApp
let admin: Session
let adminId: string
let colleagueId: string

beforeEach(async () => {
  t = await createTestApp()
  await givenMunicipality(t.db)
  await givenMunicipality(t.db, 'heemskerk', 'Heemskerk')
  adminId = await givenOfficial(t.db, 'beverwijk', 'admin')
  colleagueId = await givenOfficial(t.db, 'beverwijk', 'official')
  admin = await signIn(t.app, 'admin@beverwijk.nl')
})
afterEach(async () => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin.headers })

async function readPage(query: string): Promise<{ entries: AuditLogEntry[]; nextCursor: string | null }> {
  const res = await get(`/api/official/audit/entries?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return AuditPageSchema.parse(res.json())
}

async function readAll(query: string, between?: (pageNumber: number) => Promise<void>): Promise<AuditLogEntry[]> {
  const seen: AuditLogEntry[] = []
  let cursor: string | null = null
  let pageNumber = 0
  do {
    const page = await readPage(`${query}${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...page.entries)
    cursor = page.nextCursor
    pageNumber += 1
    if (between) await between(pageNumber)
    expect(pageNumber).toBeLessThan(1000)
  } while (cursor)
  return seen
}

/** `count` entries, several at the very same moment (ties on `at` must not lose or repeat one). */
async function givenEntries(count: number, officialId: string | null = colleagueId, municipality = 'beverwijk'): Promise<void> {
  for (let i = 0; i < count; i++) {
    const at = new Date(t.clock.now.getTime() - Math.floor(i / 4) * 1000)
    await recordAudit(t.db, { officialId, municipality, action: 'item.update', details: { n: i } }, at)
  }
}

describe('audit log: paging', () => {
  it('pages through every entry exactly once, newest first, also when entries share a moment', async () => {
    await givenEntries(137)
    const all = await readAll('limit=20')
    const ids = all.map((e) => e.id)
    // 137 entries plus the admin's own sign-in.
    expect(ids).toHaveLength(138)
    expect(new Set(ids).size).toBe(138)
    const times = all.map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('gets every entry exactly once while new entries are written between pages', async () => {
    await givenEntries(90)
    const before = (await readAll('limit=200')).map((e) => e.id)
    const during = await readAll('limit=15', async (pageNumber) => {
      t.clock.advance(1000)
      await recordAudit(t.db, { officialId: adminId, municipality: 'beverwijk', action: 'item.create', details: { pageNumber } }, t.clock.now)
    })
    const counts = new Map<string, number>()
    for (const e of during) counts.set(e.id, (counts.get(e.id) ?? 0) + 1)
    for (const id of before) expect(counts.get(id), id).toBe(1)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })

  it('refuses a cursor it did not hand out with 400', async () => {
    const res = await get('/api/official/audit/entries?cursor=bm90LWEtY3Vyc29y')
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'bad_request'])
  })
})

describe('audit log: filters and names', () => {
  it('filters by who, what, when and which item, and names the item by its title', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { title: 'Speeltuin aan de Zeestraat' })
    const start = t.clock.now
    await recordAudit(t.db, { officialId: colleagueId, municipality: 'beverwijk', action: 'item.publish', itemId }, new Date(start.getTime() + 60_000))
    await recordAudit(t.db, { officialId: adminId, municipality: 'beverwijk', action: 'official.disable', details: { officialId: colleagueId } }, new Date(start.getTime() + 120_000))
    await recordAudit(t.db, { officialId: colleagueId, municipality: 'beverwijk', action: 'item.close', itemId }, new Date(start.getTime() + 180_000))

    const byItem = await readPage(`itemId=${itemId}`)
    expect(byItem.entries.map((e) => [e.action, e.itemTitle])).toEqual([['item.close', 'Speeltuin aan de Zeestraat'], ['item.publish', 'Speeltuin aan de Zeestraat']])
    expect((await readPage(`officialId=${adminId}&action=official.disable`)).entries).toHaveLength(1)
    expect((await readPage(`officialId=${colleagueId}`)).entries.map((e) => e.action)).toEqual(['item.close', 'item.publish'])
    const from = new Date(start.getTime() + 90_000).toISOString()
    const to = new Date(start.getTime() + 150_000).toISOString()
    expect((await readPage(`from=${from}&to=${to}`)).entries.map((e) => e.action)).toEqual(['official.disable'])
    expect((await get('/api/official/audit/entries?action=not.an.action')).statusCode).toBe(400)
  })

  it('never shows another municipality’s entries or item titles', async () => {
    const theirs = await givenItem(t.db, t.clock.now, { municipality: 'heemskerk', title: 'Geheim plan Heemskerk' })
    await recordAudit(t.db, { officialId: null, municipality: 'heemskerk', action: 'item.publish', itemId: theirs }, t.clock.now)
    // An entry of ours that names their item (it cannot happen through the services, but must not leak).
    await recordAudit(t.db, { officialId: adminId, municipality: 'beverwijk', action: 'item.update', itemId: theirs }, t.clock.now)
    const all = await readAll('limit=50')
    expect(all.every((e) => e.action !== 'item.publish')).toBe(true)
    expect(JSON.stringify(all)).not.toContain('Geheim plan')
  })
})

describe('audit log: CSV export', () => {
  it('streams every matching entry as CSV, keeps titles from running as formulas, and audits the export', async () => {
    const itemId = await givenItem(t.db, t.clock.now, { title: '=HYPERLINK("http://evil")' })
    await recordAudit(t.db, { officialId: colleagueId, municipality: 'beverwijk', action: 'item.publish', itemId }, t.clock.now)
    await givenEntries(1203)
    const res = await get('/api/official/audit/export')
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="logboek-beverwijk-\d{4}-\d{2}-\d{2}\.csv"/)
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('at,official_email,action,item_id,item_title,details')
    // Header, the export's own entry (written before the first byte), the sign-in, the publish and
    // 1203 updates (more than two batches of 500).
    expect(lines).toHaveLength(1 + 1 + 1 + 1 + 1203)
    expect(lines.filter((line) => line.includes(',audit.export,'))).toHaveLength(1)
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`)
    const exports = (await readPage('action=audit.export')).entries
    expect(exports.map((e) => e.officialEmail)).toEqual(['admin@beverwijk.nl'])
  })

  it('applies the same filters to the export', async () => {
    await givenEntries(5)
    await recordAudit(t.db, { officialId: adminId, municipality: 'beverwijk', action: 'official.create', details: {} }, t.clock.now)
    const res = await get('/api/official/audit/export?action=official.create')
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(',official.create,')
  })
})
