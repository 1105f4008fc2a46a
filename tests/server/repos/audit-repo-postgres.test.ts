import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDatabase, queryRows, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { listAuditPage, recordAudit, type AuditPosition } from '../../../src/server/repos/audit-repo'
import { givenMunicipality } from '../../support/factories'
import { createPostgresTestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')
let dropDatabase: () => Promise<void>
let database: Database

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  dropDatabase = created.drop
  database = await createDatabase({ url: created.url, poolSize: 4 })
  await migrateDatabase(database)
  await givenMunicipality(database.db)
})
afterAll(async () => {
  await database?.close()
  await dropDatabase?.()
})

describe('audit log keyset paging on PostgreSQL', () => {
  it('gets every entry exactly once, with microsecond timestamps written by SQL and entries added between pages', async () => {
    const base = new Date('2026-06-01T12:00:00Z')
    for (let i = 0; i < 60; i++) await recordAudit(database.db, { officialId: null, municipality: 'beverwijk', action: 'item.update', details: { i } }, new Date(base.getTime() - Math.floor(i / 3)))
    // Rows written by another tool, with a precision a JS Date cannot hold.
    await database.db.execute(sql`insert into audit_log (at, municipality, action, details) select timestamptz '2026-06-01 11:59:59.9995+00' + (n * interval '1 microsecond'), 'beverwijk', 'item.close', '{}' from generate_series(1, 25) n`)
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`)
    const total = row!.n
    const counts = new Map<string, number>()
    let after: AuditPosition | null = null
    let pages = 0
    do {
      const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage(database.db, 'beverwijk', {}, { after, limit: 7 })
      for (const e of page.entries) counts.set(e.id, (counts.get(e.id) ?? 0) + 1)
      after = page.next
      pages++
      await recordAudit(database.db, { officialId: null, municipality: 'beverwijk', action: 'item.create' }, new Date(base.getTime() + pages * 1000))
      expect(pages).toBeLessThan(100)
    } while (after)
    const seen = [...counts.values()]
    expect(seen.every((n) => n === 1)).toBe(true)
    expect(counts.size).toBe(total)
  })
})
