import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { findMunicipality } from '../../../src/server/repos/municipality-repo'
import { lockDataDir } from '../../../src/server/db/data-dir-lock'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { appliedMigrationCount, committedMigrationCount, committedMigrationTags } from '../../../src/server/db/migration-status'
import { givenItem, givenMunicipality } from '../../support/factories'
import { NOW, admin, appOn, contentOf, feedSince, publicView, seedInstallation, withEmbedded } from '../../support/installation'

let work: string
let source: string
let itemId: string
let backup: string
let sourceContent: Awaited<ReturnType<typeof contentOf>>
let sourceView: unknown
/** A feed cursor a resident's app got from the source before the backup. */
let sourceCursor: string

const fresh = () => mkdtempSync(path.join(work, 'data-'))

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'meepraat-backup-'))
  source = fresh()
  await withEmbedded(source, async (database) => {
    await migrateDatabase(database)
    ;({ itemId } = await seedInstallation(database))
    sourceContent = await contentOf(database.db)
    const app = await appOn(database)
    sourceView = await publicView(app, itemId)
    sourceCursor = (await feedSince(app, 'beverwijk')).cursor
    // The source's own cursor means "nothing new" there: the test below is about the restored side.
    expect((await feedSince(app, 'beverwijk', sourceCursor)).ids).toEqual([])
    await app.close()
  })
  backup = path.join(work, 'source.jsonl.gz')
  const r = await admin(['backup', '--out', backup], { DATA_DIR: source })
  expect(r.code, r.out).toBe(0)
}, 60_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('npm run admin -- backup / restore (embedded database)', () => {
  it('restores a backup into a fresh DATA_DIR with identical rows in every table', async () => {
    // The 7 devices that answered the back-up poll, and the demo's 10 answers entered from paper and phone.
    expect(sourceContent.current_answers!.rows).toBe(7 + 10)
    expect(sourceContent.items!.rows).toBeGreaterThan(1)
    const target = fresh()
    const r = await admin(['restore', '--in', backup], { DATA_DIR: target })
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/current_answers: 17 rows restored/)
    await withEmbedded(target, async (database) => {
      expect(await contentOf(database.db)).toEqual(sourceContent)
      expect(await appliedMigrationCount(database.db)).toBe(committedMigrationCount())
      const app = await appOn(database)
      expect(await publicView(app, itemId)).toEqual(sourceView)
      await app.close()
    })
  }, 60_000)

  it('writes the header with the schema version and the file readable by its owner only', () => {
    const header = JSON.parse(gunzipSync(readFileSync(backup)).toString('utf8').split('\n')[0]!) as Record<string, unknown>
    expect(header).toMatchObject({ format: 'meepraat-backup', version: 1, database: 'embedded', schemaVersion: { migrations: committedMigrationCount() } })
    expect(statSync(backup).mode & 0o077).toBe(0)
  })

  it('makes a feed cursor from the source read everything again on the restored database, and its own cursor nothing', async () => {
    const target = fresh()
    expect((await admin(['restore', '--in', backup], { DATA_DIR: target })).code).toBe(0)
    await withEmbedded(target, async (database) => {
      const app = await appOn(database)
      const all = await feedSince(app, 'beverwijk')
      expect(all.ids.length).toBeGreaterThan(1)
      expect((await feedSince(app, 'beverwijk', sourceCursor)).ids).toEqual(all.ids)
      // Restored rows carry the restore's transaction id: a cursor of the target is past them.
      expect((await feedSince(app, 'beverwijk', all.cursor)).ids).toEqual([])
      await app.close()
    })
  }, 60_000)

  it('refuses a database that holds data, and with --replace replaces it; an old cursor then reads everything again', async () => {
    const target = fresh()
    let oldCursor = ''
    await withEmbedded(target, async (database) => {
      await migrateDatabase(database)
      await givenMunicipality(database.db)
      await givenItem(database.db, NOW, { title: 'Verdwijnt bij de restore' })
      const app = await appOn(database)
      oldCursor = (await feedSince(app, 'beverwijk')).cursor
      await app.close()
    })
    const refused = await admin(['restore', '--in', backup], { DATA_DIR: target })
    expect(refused.code).toBe(1)
    expect(refused.out.trim()).toBe('The database already holds data (table regions); restore into an empty database, or add --replace to delete everything in it first.')
    const replaced = await admin(['restore', '--in', backup, '--replace'], { DATA_DIR: target })
    expect(replaced.code, replaced.out).toBe(0)
    await withEmbedded(target, async (database) => {
      expect(await contentOf(database.db)).toEqual(sourceContent)
      const app = await appOn(database)
      expect((await feedSince(app, 'beverwijk', oldCursor)).ids).toEqual((await feedSince(app, 'beverwijk')).ids)
      await app.close()
    })
  }, 60_000)

  it('refuses a backup with a newer schema version and leaves the database empty', async () => {
    const text = gunzipSync(readFileSync(backup)).toString('utf8')
    const [first, ...rest] = text.split('\n')
    const header = JSON.parse(first!) as { schemaVersion: { migrations: number; lastTag: string } }
    header.schemaVersion = { migrations: committedMigrationCount() + 1, lastTag: '9999_from_the_future' }
    const newer = path.join(work, 'newer.jsonl.gz')
    writeFileSync(newer, gzipSync([JSON.stringify(header), ...rest].join('\n')))
    const target = fresh()
    const r = await admin(['restore', '--in', newer], { DATA_DIR: target })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^The backup has a newer schema \(\d+ migrations, up to 9999_from_the_future\) than this version of Meepraat \(\d+\); restore it with that version or a newer one\.\n$/)
    await withEmbedded(target, async (database) => expect(await appliedMigrationCount(database.db)).toBe(0))
  }, 60_000)

  it('refuses a damaged backup and restores nothing of it', async () => {
    const text = gunzipSync(readFileSync(backup)).toString('utf8')
    const damaged = path.join(work, 'damaged.jsonl.gz')
    writeFileSync(damaged, gzipSync(text.replace('"q1": "ja"', '"q1": "nee"')))
    const target = fresh()
    const r = await admin(['restore', '--in', damaged], { DATA_DIR: target })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/damaged\.jsonl\.gz is damaged or incomplete \(the rows of table current_answers do not match their checksum\); nothing was restored\./)
    await withEmbedded(target, async (database) => expect((await contentOf(database.db)).municipalities!.rows).toBe(0))
  }, 60_000)

  it('restores a backup of an older schema into that schema and migrates it to this version', async () => {
    const old = fresh()
    await withEmbedded(old, async (database) => {
      // The schema before regions were rows (named, not "the one before the last", which moves with every migration).
      await migrateDatabase(database, { upTo: committedMigrationTags().indexOf('0010_regions_and_logos') })
      // Written as the older schema has it (before regions were rows, a municipality named its region).
      await database.db.execute(sql`insert into municipalities (slug, name, region, areas) values ('beverwijk', 'Beverwijk', 'IJmond', '[]')`)
    })
    const oldBackup = path.join(work, 'old.jsonl.gz')
    expect((await admin(['backup', '--out', oldBackup], { DATA_DIR: old })).code).toBe(0)
    const target = fresh()
    const r = await admin(['restore', '--in', oldBackup], { DATA_DIR: target })
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/then migrated from schema version \d+/)
    await withEmbedded(target, async (database) => {
      expect(await appliedMigrationCount(database.db)).toBe(committedMigrationCount())
      expect((await contentOf(database.db)).municipalities!.rows).toBe(1)
      expect(await findMunicipality(database.db, 'beverwijk')).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond' })
    })
  }, 180_000)

  it('refuses to back up the embedded database while a server runs, saying to stop the server', async () => {
    const lock = lockDataDir(source, 'server')
    try {
      const out = path.join(work, 'while-running.jsonl.gz')
      const r = await admin(['backup', '--out', out], { DATA_DIR: source })
      expect(r.code).toBe(1)
      expect(r.out.trim()).toBe(`The embedded database in ${source} is in use by a running Meepraat server (pid ${process.pid}); stop the server first, because a backup needs the embedded database to itself.`)
      expect(() => readFileSync(out)).toThrow()
    } finally {
      lock.release()
    }
  })

  it('never overwrites an existing file', async () => {
    const r = await admin(['backup', '--out', backup], { DATA_DIR: source })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/exists already; choose a new file name/)
  })
})
