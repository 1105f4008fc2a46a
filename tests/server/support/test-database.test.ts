import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { appliedMigrationCount, committedMigrationCount } from '../../../src/server/db/migration-status'
import { givenMunicipality } from '../../support/factories'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

const held: TestDatabase[] = []
afterEach(async () => {
  for (const t of held.splice(0)) await t.dispose()
})
async function aTestDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase()
  held.push(t)
  return t
}

async function municipalityCount(t: TestDatabase): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from municipalities`)
  return Number(row?.n)
}

describe('createTestDatabase', () => {
  it('gives every test a migrated, empty database, also after an earlier test filled one', async () => {
    const first = await aTestDatabase()
    await givenMunicipality(first.database.db)
    expect(await municipalityCount(first)).toBe(1)
    await first.dispose()
    const second = await aTestDatabase()
    expect(await municipalityCount(second)).toBe(0)
    expect(await appliedMigrationCount(second.database.db)).toBe(committedMigrationCount())
  })

  it('gives two databases held at once apart', async () => {
    const a = await aTestDatabase()
    const b = await aTestDatabase()
    await givenMunicipality(a.database.db)
    expect(await municipalityCount(a)).toBe(1)
    expect(await municipalityCount(b)).toBe(0)
  })

  it('never hands out a database a test closed', async () => {
    const closed = await aTestDatabase()
    await closed.database.close()
    await closed.dispose()
    const next = await aTestDatabase()
    expect(await municipalityCount(next)).toBe(0)
  })

  it('never hands out a database whose schema a test changed (a trigger left behind)', async () => {
    const changed = await aTestDatabase()
    await changed.database.db.execute(sql.raw(`create function refuse_all() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`))
    await changed.database.db.execute(sql.raw('create trigger refuse_all before insert on municipalities for each row execute function refuse_all()'))
    await changed.dispose()
    const next = await aTestDatabase()
    await givenMunicipality(next.database.db)
    expect(await municipalityCount(next)).toBe(1)
  })
})
