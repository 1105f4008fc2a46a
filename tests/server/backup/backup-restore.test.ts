import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lockDataDir } from '../../../src/server/db/data-dir-lock'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { appliedMigrationCount, committedMigrationCount } from '../../../src/server/db/migration-status'
import { givenItem, givenMunicipality } from '../../support/factories'
import { NOW, admin, appOn, contentOf, feedSince, publicView, seedInstallation, withEmbedded, withPostgres } from '../../support/installation'
import { createPostgresTestDatabase } from '../../support/test-database'

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
    expect(sourceContent.current_answers!.rows).toBe(7)
    expect(sourceContent.items!.rows).toBeGreaterThan(1)
    const target = fresh()
    const r = await admin(['restore', '--in', backup], { DATA_DIR: target })
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/current_answers: 7 rows restored/)
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
    expect(refused.out.trim()).toBe('The database already holds data (table municipalities); restore into an empty database, or add --replace to delete everything in it first.')
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
      await migrateDatabase(database, { upTo: committedMigrationCount() - 1 })
      await givenMunicipality(database.db)
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
    })
  }, 60_000)

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

const serverUrl = inject('postgresUrl')

describe.runIf(serverUrl)('npm run admin -- backup / restore (PostgreSQL)', () => {
  it('backs up a PostgreSQL database while a server serves it and restores it into an empty one with identical rows', async () => {
    const from = await createPostgresTestDatabase(serverUrl!)
    const to = await createPostgresTestDatabase(serverUrl!)
    try {
      const { content, view, id } = await withPostgres(from.url, async (database) => {
        await migrateDatabase(database)
        const seeded = await seedInstallation(database)
        const app = await appOn(database)
        const out = path.join(work, 'pg.jsonl.gz')
        // The app keeps its pool open on the database throughout: PostgreSQL backups need no stop.
        const r = await admin(['backup', '--out', out], { DATABASE_URL: from.url })
        expect(r.code, r.out).toBe(0)
        const v = await publicView(app, seeded.itemId)
        await app.close()
        return { content: await contentOf(database.db), view: v, id: seeded.itemId }
      })
      const r = await admin(['restore', '--in', path.join(work, 'pg.jsonl.gz')], { DATABASE_URL: to.url })
      expect(r.code, r.out).toBe(0)
      await withPostgres(to.url, async (database) => {
        expect(await contentOf(database.db)).toEqual(content)
        const app = await appOn(database)
        expect(await publicView(app, id)).toEqual(view)
        await app.close()
      })
    } finally {
      await from.drop()
      await to.drop()
    }
  }, 90_000)

  it('makes a cursor from the source read everything on a database restored beside it on the same server, even one handed out after the restore', async () => {
    const from = await createPostgresTestDatabase(serverUrl!)
    const to = await createPostgresTestDatabase(serverUrl!)
    try {
      const out = path.join(work, 'pg-beside.jsonl.gz')
      await withPostgres(from.url, async (database) => {
        await migrateDatabase(database)
        await seedInstallation(database)
      })
      expect((await admin(['backup', '--out', out], { DATABASE_URL: from.url })).code).toBe(0)
      expect((await admin(['restore', '--in', out], { DATABASE_URL: to.url })).code).toBe(0)
      // Databases of one PostgreSQL server share transaction ids: this cursor's snapshot is past the restore.
      const late = await withPostgres(from.url, async (database) => {
        const app = await appOn(database)
        const cursor = (await feedSince(app, 'beverwijk')).cursor
        await app.close()
        return cursor
      })
      await withPostgres(to.url, async (database) => {
        const app = await appOn(database)
        const all = await feedSince(app, 'beverwijk')
        expect(all.ids.length).toBeGreaterThan(1)
        expect((await feedSince(app, 'beverwijk', late)).ids).toEqual(all.ids)
        expect((await feedSince(app, 'beverwijk', all.cursor)).ids).toEqual([])
        await app.close()
      })
    } finally {
      await from.drop()
      await to.drop()
    }
  }, 90_000)

  it('reads every table in the one snapshot it started with, while another connection commits in between', async () => {
    const db = await createPostgresTestDatabase(serverUrl!)
    const writer = new pg.Client({ connectionString: db.url })
    const observer = new pg.Client({ connectionString: db.url })
    try {
      await withPostgres(db.url, async (database) => {
        await migrateDatabase(database)
        await seedInstallation(database)
      })
      await writer.connect()
      await observer.connect()
      const receiptsBefore = Number((await observer.query('select count(*) as n from submission_receipts')).rows[0].n)
      // The writer holds submission_receipts, so the backup stops there after reading the tables before it...
      await writer.query('begin')
      await writer.query('lock table submission_receipts in access exclusive mode')
      await writer.query(`insert into submission_receipts (id, item_id, device_key, answered_at) values (gen_random_uuid(), gen_random_uuid(), 'late', now())`)
      const out = path.join(work, 'pg-snapshot.jsonl.gz')
      const backupRun = admin(['backup', '--out', out], { DATABASE_URL: db.url })
      const deadline = Date.now() + 30_000
      for (;;) {
        const waiting = await observer.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'declare%submission_receipts%'`)
        if (waiting.rowCount) break
        if (Date.now() > deadline) throw new Error('the backup never reached submission_receipts')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      // ...and the writer commits before the backup reads that table: its snapshot is older.
      await writer.query('commit')
      const r = await backupRun
      expect(r.code, r.out).toBe(0)
      expect(r.out).toContain(`submission_receipts: ${receiptsBefore} rows`)
      expect(Number((await observer.query('select count(*) as n from submission_receipts')).rows[0].n)).toBe(receiptsBefore + 1)
    } finally {
      await writer.end().catch(() => undefined)
      await observer.end().catch(() => undefined)
      await db.drop()
    }
  }, 90_000)
})
