import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase, queryRows, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { committedMigrationTags } from '../../../src/server/db/migration-status'
import { ALGORITHM_VERSION_1, draw, type Category, type Registrant } from '../../../src/server/selection/draw'
import { DrawRecordV2Schema, registrantHash, verifyDrawRecord } from '../../../src/server/selection/draw-record'
import { compareIds } from '../../../src/server/selection/model'
import { givenMunicipality } from '../../support/factories'
import { givenLegacyItem } from '../../support/legacy-insert'

const MIGRATION = '0014_draw_records_without_people'
let database: Database | undefined
afterEach(async () => database?.close())

/** 20 registrants: 12 clients (p000-p011), 2 youths (p018, p019), with an area and age band each. */
const registrants: Registrant[] = Array.from({ length: 20 }, (_, i) => ({
  id: `p${String(i).padStart(3, '0')}`,
  categories: [...(i < 12 ? ['client_or_expert' as Category] : []), ...(i >= 18 ? ['youth' as Category] : [])],
  ageBand: i % 2 ? '18-23' : '65+',
  area: i % 3 ? 'Noord' : 'Centrum',
}))

/** A record exactly as version 1 published it: per-person categories, age band and area. */
function versionOneRecord(itemId: string) {
  const quotas = { seats: 10, reserved: [{ category: 'client_or_expert' as const, seats: 3 }, { category: 'youth' as const, seats: 3 }], targets: { area: { Noord: 5, Centrum: 5 } } }
  const result = draw({ seed: 'oud', registrants, quotas, algorithmVersion: ALGORITHM_VERSION_1 })
  const hash = (id: string) => registrantHash(itemId, id)
  return {
    version: 1,
    itemId,
    drawnAt: '2026-01-01T10:00:00.000Z',
    seed: 'oud',
    algorithmVersion: result.algorithmVersion,
    quotas,
    registrants: registrants
      .slice()
      .sort((a, b) => compareIds(a.id, b.id))
      .map((r) => ({ hash: hash(r.id), categories: r.categories, ageBand: r.ageBand, area: r.area })),
    panel: result.panel.map(hash),
    waitlist: result.waitlist.map(hash),
    shortfalls: result.shortfalls,
    clients: result.panel.filter((id) => Number(id.slice(1)) < 12).length,
  }
}

describe(`migration ${MIGRATION}`, () => {
  it('strips the per-person fields from published draw records, keeps hashes and order, and leaves categories only as counts of 5 or more', async () => {
    database = await createDatabase({ dataDir: 'memory://' })
    await migrateDatabase(database, { upTo: committedMigrationTags().indexOf(MIGRATION) })
    const db = database.db
    await givenMunicipality(db)
    const itemId = await givenLegacyItem(db, new Date('2026-01-01T10:00:00Z'), { kind: 'table', questions: [] })
    const { clients, ...old } = versionOneRecord(itemId)
    await db.execute(sql`insert into table_details (item_id, assignment, drawn_at, draw_record) values (${itemId}, '{}'::jsonb, now(), ${JSON.stringify(old)}::jsonb)`)

    await migrateDatabase(database)
    const [row] = await queryRows<{ draw_record: unknown }>(db, sql`select draw_record from table_details where item_id = ${itemId}`)
    const record = DrawRecordV2Schema.parse(row?.draw_record)
    const body = JSON.stringify(record)
    for (const text of ['ageBand', '"area":"', '18-23', '65+', '"categories":["']) expect(body).not.toContain(text)
    expect(record.registrants).toEqual(old.registrants.map((r) => r.hash))
    expect([record.panel, record.waitlist, record.seed]).toEqual([old.panel, old.waitlist, old.seed])
    expect(record.quotas).toEqual(old.quotas)
    // 12 of 20 registered are clients (rest 8): shown; the panel's clients or the rest may be under 5.
    const shownSelected = clients >= 5 && 10 - clients >= 5 ? clients : null
    expect(record.categories).toEqual([
      { category: 'client_or_expert', registered: 12, selected: shownSelected },
      { category: 'youth', registered: null, selected: null },
    ])
    expect(record.shortfalls).toEqual([{ category: 'youth', reserved: 3, available: null }])
    expect(record.perPersonFieldsRemovedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(verifyDrawRecord(record)).toEqual({ ok: true, kind: 'checked', differences: [], orderChecked: false })
  })
})
