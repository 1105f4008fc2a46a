import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { admin, appOn, contentOf, feedSince, publicView, seedInstallation, withPostgres } from '../../support/installation'
import { createPostgresTestDatabase } from '../../support/test-database'

// The PostgreSQL half of backup-restore.test.ts: runs in `npm run test:pg` (project server-postgres).
let work: string
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'meepraat-backup-pg-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

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
