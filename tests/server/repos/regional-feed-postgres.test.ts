import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../../src/server/app'
import { createDatabase, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { upsertMunicipality } from '../../../src/server/repos/municipality-repo'
import { ItemListSchema, type ItemList } from '../../../src/shared/schemas/item'
import { givenItem, givenMunicipality } from '../../support/factories'
import { createMemoryNotifier } from '../../support/memory-notifier'
import { createPostgresTestDatabase } from '../../support/test-database'

/**
 * The feed query for regional items on PostgreSQL: a regional item is in the feed of every
 * member of its region and of no other municipality, with or without `since` cursors, also when
 * its change commits after a member read its cursor on another connection.
 */
const serverUrl = inject('postgresUrl')

let database: Database
let app: FastifyInstance
let writer: pg.Client
let drop: () => Promise<void>

beforeAll(async () => {
  if (!serverUrl) throw new Error('These tests need PostgreSQL: install it (apt-get install -y postgresql) or set DATABASE_URL')
  const created = await createPostgresTestDatabase(serverUrl)
  drop = created.drop
  database = await createDatabase({ url: created.url, poolSize: 5 })
  await migrateDatabase(database)
  app = await buildApp({ database, ownsDatabase: false, notifier: createMemoryNotifier(), publicUrl: 'http://meepraat.test' })
  writer = new pg.Client({ connectionString: created.url })
  await writer.connect()
  await givenMunicipality(database.db, 'beverwijk', 'Beverwijk')
  await givenMunicipality(database.db, 'velsen', 'Velsen')
  await upsertMunicipality(database.db, { slug: 'westervoort', name: 'Westervoort' })
})

afterAll(async () => {
  await app?.close()
  await writer?.end()
  await database?.close()
  await drop?.()
})

async function feed(municipality: string, since?: string): Promise<ItemList> {
  const res = await app.inject({ method: 'GET', url: `/api/items?municipality=${municipality}${since ? `&since=${since}` : ''}` })
  expect(res.statusCode, res.body).toBe(200)
  return ItemListSchema.parse(res.json())
}

const ids = (list: ItemList) => list.items.map((i) => i.id)

describe('regional items in the feed on PostgreSQL', () => {
  it('a regional item is in every member\'s feed, named, and in no other municipality\'s', async () => {
    const regional = await givenItem(database.db, new Date(), { municipality: 'velsen', region: 'ijmond', title: 'Voor de hele IJmond' })
    const own = await givenItem(database.db, new Date(), { municipality: 'velsen', title: 'Alleen Velsen' })
    const beverwijk = await feed('beverwijk')
    expect(ids(beverwijk)).toContain(regional)
    expect(ids(beverwijk)).not.toContain(own)
    expect(beverwijk.items.find((i) => i.id === regional)).toMatchObject({ region: 'IJmond', regionSlug: 'ijmond' })
    expect(ids(await feed('velsen'))).toEqual(expect.arrayContaining([regional, own]))
    expect(ids(await feed('westervoort'))).toEqual([])
  })

  it('a regional change that commits after a member read its cursor is in that member\'s next page, and never in another municipality\'s', async () => {
    const regional = await givenItem(database.db, new Date(), { municipality: 'velsen', region: 'ijmond', title: 'Wordt aangepast' })
    const first = { beverwijk: await feed('beverwijk'), westervoort: await feed('westervoort') }
    // A change written on another connection, not yet committed while the members read on.
    await writer.query('begin')
    await writer.query("update items set title = 'Aangepast', change_xid = pg_current_xact_id() where id = $1", [regional])
    const during = { beverwijk: await feed('beverwijk', first.beverwijk.cursor), westervoort: await feed('westervoort', first.westervoort.cursor) }
    expect(ids(during.beverwijk)).toEqual([])
    await writer.query('commit')
    const after = await feed('beverwijk', during.beverwijk.cursor)
    expect(after.items.map((i) => [i.id, i.title])).toEqual([[regional, 'Aangepast']])
    expect(ids(await feed('westervoort', during.westervoort.cursor))).toEqual([])
    expect(ids(await feed('beverwijk', after.cursor))).toEqual([])
  })
})
