import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { appliedMigrationCount, committedMigrationCount } from '../../../src/server/db/migration-status'
import { eraseDeviceRows } from '../../../src/server/repos/my-data-repo'
import { readCounts } from '../../../src/server/repos/result-counts'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import type { Answers } from '../../../src/shared/schemas/question'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem } from '../../support/factories'
import { admin, appOn, contentOf, feedSince, publicView, seedInstallation, withEmbedded, withPostgres } from '../../support/installation'
import { createPostgresTestDatabase } from '../../support/test-database'

const serverUrl = inject('postgresUrl')

let work: string
let source: string
let itemId: string
let sourceContent: Awaited<ReturnType<typeof contentOf>>
let sourceView: unknown
let sourceCursor: string
const drops: (() => Promise<void>)[] = []

async function emptyPostgresDatabase(): Promise<string> {
  const created = await createPostgresTestDatabase(serverUrl!)
  drops.push(created.drop)
  return created.url
}

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  work = mkdtempSync(path.join(tmpdir(), 'meepraat-move-'))
  source = path.join(work, 'data')
  await withEmbedded(source, async (database) => {
    await migrateDatabase(database)
    ;({ itemId } = await seedInstallation(database))
    sourceContent = await contentOf(database.db)
    const app = await appOn(database)
    sourceView = await publicView(app, itemId)
    sourceCursor = (await feedSince(app, 'beverwijk')).cursor
    await app.close()
  })
}, 60_000)
afterAll(async () => {
  for (const drop of drops) await drop()
  rmSync(work, { recursive: true, force: true })
})

describe('npm run admin -- migrate-to-postgres', () => {
  it('moves an embedded DATA_DIR into an empty PostgreSQL database, checks every table and the tallies, and a server there serves the same', async () => {
    const url = await emptyPostgresDatabase()
    const r = await admin(['migrate-to-postgres', '--to', url], { DATA_DIR: source })
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/^current_answers: 17 rows in .+, 17 in PostgreSQL, ok$/m)
    expect(r.out).toMatch(/^result tallies: \d+ recounted from the answers, ok$/m)
    expect(r.out).toMatch(/^breakdown tallies \(age, area, channel and more\): [1-9]\d* recounted from the answers, ok$/m)
    expect(r.out).toMatch(/Moved the embedded database in .+ to PostgreSQL and checked every table/)
    expect(r.out).not.toContain(new URL(url).host) // the URL (with any password) is not echoed
    await withPostgres(url, async (database) => {
      expect(await appliedMigrationCount(database.db)).toBe(committedMigrationCount())
      expect(await contentOf(database.db)).toEqual(sourceContent)
      const app = await appOn(database)
      expect(await publicView(app, itemId)).toEqual(sourceView)
      // A resident's cursor from the embedded server reads everything again on PostgreSQL.
      const all = await feedSince(app, 'beverwijk')
      expect((await feedSince(app, 'beverwijk', sourceCursor)).ids).toEqual(all.ids)
      expect((await feedSince(app, 'beverwijk', all.cursor)).ids).toEqual([])
      // New answers keep counting on the copied tallies.
      const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [{ id: crypto.randomUUID(), itemId, deviceId: `device-new-${crypto.randomUUID().replace(/-/g, '')}`, answeredAt: '2026-06-01T11:45:00.000Z', answers: { q1: 'ja' } }] } })
      expect(res.json()).toMatchObject({ results: [{ status: 'accepted' }] })
      await app.close()
    })
  }, 90_000)

  it('refuses a PostgreSQL database that is not empty and changes nothing in it', async () => {
    const url = await emptyPostgresDatabase()
    expect((await admin(['migrate-to-postgres', '--to', url], { DATA_DIR: source })).code).toBe(0)
    const before = await withPostgres(url, (d) => contentOf(d.db))
    const again = await admin(['migrate-to-postgres', '--to', url], { DATA_DIR: source })
    expect(again.code).toBe(1)
    expect(again.out.trim()).toBe('The PostgreSQL database is not empty (table regions has rows); migrate into a new, empty database.')
    expect(await withPostgres(url, (d) => contentOf(d.db))).toEqual(before)

    const foreign = await emptyPostgresDatabase()
    await withPostgres(foreign, (d) => d.db.execute(sql`create table someone_elses (id int)`))
    const other = await admin(['migrate-to-postgres', '--to', foreign], { DATA_DIR: source })
    expect(other.out.trim()).toBe('The PostgreSQL database is not empty (it has a table someone_elses); migrate into a new, empty database.')
  }, 90_000)

  it('fails clearly when the copied tallies do not match a recount of the answers', async () => {
    const broken = path.join(work, 'broken')
    await withEmbedded(broken, async (database) => {
      await migrateDatabase(database)
      const seeded = await seedInstallation(database)
      await database.db.execute(sql`update result_counts set count = count + 1 where item_id = ${seeded.itemId} and question_id = 'q1' and value_key = 'ja'`)
    })
    const r = await admin(['migrate-to-postgres', '--to', await emptyPostgresDatabase()], { DATA_DIR: broken })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^result tallies: \d+ recounted from the answers, 1 items DIFFER/m)
    expect(r.out).toMatch(/The copy in PostgreSQL does not match the embedded database \(see the lines above\); do not switch over, and keep using the embedded database\.\n$/)
    // The operator who reads Dutch (the default) gets every line of the check in Dutch.
    const dutch = await admin(['migrate-to-postgres', '--to', await emptyPostgresDatabase()], { DATA_DIR: broken, MEEPRAAT_LANG: 'nl' })
    expect(dutch.code).toBe(1)
    expect(dutch.out).toMatch(/^telling van de uitslagen: \d+ opnieuw geteld uit de antwoorden, 1 items WIJKEN AF/m)
    expect(dutch.out).toMatch(/^telling per groep \(leeftijd, wijk, kanaal en meer\): \d+ opnieuw geteld uit de antwoorden, ok$/m)
    expect(dutch.out).not.toMatch(/recounted|DIFFER|rows in/)
  }, 240_000)

  it('moves an installation where residents erased their answers to a closed item: its kept result counts are reported, not a difference', async () => {
    const erased = path.join(work, 'erased')
    // On the wall clock, as the command checks: the item closed an hour ago, answered while open.
    const now = new Date()
    let closedItem = ''
    await withEmbedded(erased, async (database) => {
      await migrateDatabase(database)
      await seedInstallation(database)
      closedItem = await givenItem(database.db, now, { title: 'Gesloten peiling', opensAt: new Date(now.getTime() - 48 * 3_600_000), closesAt: new Date(now.getTime() - 3_600_000) })
      const receivedAt = new Date(now.getTime() - 2 * 3_600_000)
      const answerSets: Answers[] = [{ q1: 'ja', q2: ['a', 'b'], q3: 4 }, { q1: 'nee', q3: 2 }, { q1: 'ja' }]
      const residents = answerSets.map((answers) => aSubmission(closedItem, { answeredAt: receivedAt.toISOString(), answers }))
      await ingestSubmissions(database.db, residents, receivedAt, testDeviceKeys)
      for (const r of residents.slice(0, 2)) await database.db.transaction((tx) => eraseDeviceRows(tx, testDeviceKeys.all(r.deviceId), now))
      expect((await readCounts(database.db, closedItem)).get('')?.get(''), 'the final result keeps the erased answers').toBe(3)
    })
    const r = await admin(['migrate-to-postgres', '--to', await emptyPostgresDatabase()], { DATA_DIR: erased })
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/^result tallies: \d+ recounted from the answers, ok$/m)
    expect(r.out).toContain(`result tallies: 1 items still count answers that residents erased while the item was closed; a final result stays the same, as it should (${closedItem})`)
    expect(r.out).toMatch(/^breakdown tallies \(age, area, channel and more\): \d+ recounted from the answers, ok$/m)
    expect(r.out).toMatch(/Moved the embedded database in .+ to PostgreSQL and checked every table/)
    const dutch = await admin(['migrate-to-postgres', '--to', await emptyPostgresDatabase()], { DATA_DIR: erased, MEEPRAAT_LANG: 'nl' })
    expect(dutch.code, dutch.out).toBe(0)
    expect(dutch.out).toContain(`telling van de uitslagen: 1 items tellen nog antwoorden mee die inwoners hebben gewist toen het item gesloten was; zo blijft een vaste uitslag gelijk, dat is goed (${closedItem})`)
  }, 240_000)

  it('fails clearly when a copied breakdown tally does not match a recount of the answers, though the result tallies do', async () => {
    const broken = path.join(work, 'broken-breakdown')
    await withEmbedded(broken, async (database) => {
      await migrateDatabase(database)
      const seeded = await seedInstallation(database)
      const changed = await queryRows(database.db, sql`update breakdown_counts set count = count + 1 where item_id = ${seeded.itemId} and dimension = 'channel' and question_id = '' returning item_id`)
      expect(changed.length, 'the seeded item has channel tallies').toBeGreaterThan(0)
    })
    const r = await admin(['migrate-to-postgres', '--to', await emptyPostgresDatabase()], { DATA_DIR: broken })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^result tallies: \d+ recounted from the answers, ok$/m)
    expect(r.out).toMatch(/^breakdown tallies \(age, area, channel and more\): \d+ recounted from the answers, 1 items DIFFER/m)
    expect(r.out).toMatch(/The copy in PostgreSQL does not match the embedded database \(see the lines above\); do not switch over, and keep using the embedded database\.\n$/)
  }, 240_000)

  it('refuses a directory without an embedded database, and a missing or wrong --to', async () => {
    const empty = mkdtempSync(path.join(work, 'nothing-'))
    expect((await admin(['migrate-to-postgres', '--to', 'postgres://127.0.0.1:1/x'], { DATA_DIR: empty })).out.trim()).toBe(`There is no embedded Meepraat database in ${empty}; give its directory with --from or DATA_DIR.`)
    expect((await admin(['migrate-to-postgres', '--to', 'mysql://x'], { DATA_DIR: source })).out).toMatch(/^--to is required: the URL of an empty PostgreSQL database/)
  })
})
