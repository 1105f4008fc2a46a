import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createDatabase, type Database, type Db } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { touchItem } from '../../../src/server/repos/item-repo'
import { InboxSchema, type InboxEntry } from '../../../src/shared/schemas/inbox'
import { ItemListSchema } from '../../../src/shared/schemas/item'
import { aSubmission, editItem, givenItem, givenMunicipality, newDeviceId } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { givenOfficial, signIn, type Session } from '../../support/officials'
import { createPostgresTestDatabase } from '../../support/test-database'

/**
 * Publish-while-polling with transactions that commit out of order, made deterministic: a test
 * connection holds a row lock (or a transaction stays open) so that some changes are written,
 * stamped and numbered but not committed while the device reads its cursor. Two apps with their
 * own connection pools stand for two server processes: the official writes through one, the
 * device reads through the other.
 */
const serverUrl = inject('postgresUrl')
const RUNS = 10
const ITEMS = 6

let writerDb: Database
let readerDb: Database
let blocker: pg.Client
/** Reads pg_stat_activity outside the blocker's transaction, which would keep showing one stale view. */
let observer: pg.Client
let officialApp: FastifyInstance
let deviceApp: FastifyInstance
let session: Session
let drop: () => Promise<void>

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  drop = created.drop
  writerDb = await createDatabase({ url: created.url, poolSize: 20 })
  await migrateDatabase(writerDb)
  readerDb = await createDatabase({ url: created.url, poolSize: 5 })
  blocker = new pg.Client({ connectionString: created.url })
  await blocker.connect()
  observer = new pg.Client({ connectionString: created.url })
  await observer.connect()
  const options = { ownsDatabase: false, notifier: createMemoryNotifier(), publicUrl: 'http://meepraat.test' }
  officialApp = await buildApp({ ...options, database: writerDb, logger: { level: 'error' } })
  deviceApp = await buildApp({ ...options, database: readerDb })
  await givenMunicipality(writerDb.db)
  await givenOfficial(writerDb.db, 'beverwijk')
  session = await signIn(officialApp, 'official@beverwijk.nl')
})

afterAll(async () => {
  await officialApp?.close()
  await deviceApp?.close()
  await blocker?.end()
  await observer?.end()
  await writerDb?.close()
  await readerDb?.close()
  await drop?.()
})

async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Backends of this database waiting for a lock: the held feedback transactions. */
async function waitingForLocks(): Promise<number> {
  const { rows } = await observer.query<{ n: number }>(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  )
  return rows[0]!.n
}

async function publishFeedback(itemId: string, summary: string): Promise<void> {
  const res = await officialApp.inject({ method: 'POST', url: `/api/items/${itemId}/feedback`, headers: session.headers, payload: { outcome: 'in_progress', summary } })
  if (res.statusCode !== 201) throw new Error(`feedback not published: ${res.statusCode} ${res.body}`)
}

describe('inbox cursor with several connections on PostgreSQL', () => {
  it('delivers every feedback entry published while a device polls, also when transactions commit out of order', async () => {
    const missedPerRun: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const deviceId = newDeviceId()
      const itemIds: string[] = []
      for (let i = 0; i < ITEMS; i++) itemIds.push(await givenItem(writerDb.db, new Date(), { title: `Inbox ${run}.${i}` }))
      for (const itemId of itemIds) {
        const res = await deviceApp.inject({ method: 'POST', url: '/api/submissions', payload: { submissions: [aSubmission(itemId, { deviceId, answeredAt: new Date().toISOString() })] } })
        expect(res.json().results[0].status).toBe('accepted')
      }
      // Each run polls from its own address: the inbox is rate-limited per address.
      const remoteAddress = `10.0.${run}.1`
      const received = new Map<string, InboxEntry>()
      const poll = async (since?: string): Promise<string> => {
        const url = `/api/devices/${deviceId}/inbox${since === undefined ? '' : `?since=${since}`}`
        const res = await deviceApp.inject({ method: 'GET', url, remoteAddress })
        if (res.statusCode !== 200) throw new Error(`inbox: ${res.statusCode} ${res.body}`)
        const page = InboxSchema.parse(res.json())
        for (const entry of page.entries) received.set(entry.id, entry)
        return page.cursor
      }

      let cursor = await poll()
      const published: string[] = []
      for (let batch = 0; batch < ITEMS; batch++) {
        const heldItem = itemIds[batch]!
        // Holds the item row: a feedback transaction inserts (and stamps) its entry, then waits to mark the item changed.
        await blocker.query('begin')
        await blocker.query('select 1 from items where id = $1 for no key update', [heldItem])
        const held = [0, 1].map((k) => {
          const summary = `run ${run} batch ${batch} held ${k}`
          published.push(summary)
          return publishFeedback(heldItem, summary)
        })
        await waitUntil('both held feedback transactions wait for the item row', async () => (await waitingForLocks()) >= 2)
        for (let k = 0; k < 8; k++) {
          const summary = `run ${run} batch ${batch} entry ${k}`
          published.push(summary)
          await publishFeedback(itemIds[(batch + 1 + (k % (ITEMS - 1))) % ITEMS]!, summary)
          if (k % 4 === 3) cursor = await poll(cursor)
        }
        await blocker.query('commit')
        await Promise.all(held)
      }
      cursor = await poll(cursor)
      const seen = new Set([...received.values()].flatMap((e) => (e.kind === 'feedback' ? [e.feedback.summary] : [])))
      expect(published).toHaveLength(60)
      missedPerRun.push(published.filter((summary) => !seen.has(summary)).length)
    }
    expect(missedPerRun).toEqual(Array.from({ length: RUNS }, () => 0))
  })
})

describe('item feed cursor with several connections on PostgreSQL', () => {
  it('delivers every item change committed after the cursor, also when transactions commit out of order', async () => {
    const missedPerRun: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const municipality = await givenMunicipality(writerDb.db, `feed-${run}`, `Feed ${run}`)
      const itemIds: string[] = []
      for (let i = 0; i < ITEMS; i++) itemIds.push(await givenItem(writerDb.db, new Date(), { municipality, title: `Feed ${run}.${i}.start` }))
      const seenTitles = new Map<string, string>()
      const poll = async (since?: string): Promise<string> => {
        const query = new URLSearchParams({ municipality, ...(since === undefined ? {} : { since }) })
        const res = await deviceApp.inject({ method: 'GET', url: `/api/items?${query.toString()}` })
        if (res.statusCode !== 200) throw new Error(`items: ${res.statusCode} ${res.body}`)
        const page = ItemListSchema.parse(res.json())
        for (const item of page.items) seenTitles.set(item.id, item.title)
        return page.cursor
      }
      /** One change as the app makes it: new content and the item marked changed, in one transaction. */
      const change = (db: Db, itemId: string, title: string) => editItem(db, itemId, { title }).then(() => touchItem(db, itemId))

      let cursor = await poll()
      let missed = 0
      for (let burst = 0; burst < 15; burst++) {
        const heldItem = itemIds[burst % ITEMS]!
        const heldTitle = `Feed ${run} burst ${burst} held`
        let release!: () => void
        const released = new Promise<void>((resolve) => (release = resolve))
        let written!: () => void
        const wasWritten = new Promise<void>((resolve) => (written = resolve))
        // A transaction that takes its change (number, id) first and commits last.
        const held = writerDb.db.transaction(async (tx) => {
          await change(tx, heldItem, heldTitle)
          written()
          await released
        })
        await wasWritten
        for (let k = 0; k < 3; k++) {
          const other = itemIds[(burst + 1 + k) % ITEMS]!
          await writerDb.db.transaction((tx) => change(tx, other, `Feed ${run} burst ${burst} other ${k}`))
        }
        cursor = await poll(cursor)
        release()
        await held
        cursor = await poll(cursor)
        if (seenTitles.get(heldItem) !== heldTitle) missed += 1
      }
      missedPerRun.push(missed)
    }
    expect(missedPerRun).toEqual(Array.from({ length: RUNS }, () => 0))
  })
})
