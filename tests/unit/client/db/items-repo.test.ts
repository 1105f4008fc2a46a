import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { itemById, itemsOf, saveItems } from '../../../../src/client/db/items-repo'
import { makeItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`items-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

describe('items-repo', () => {
  it("lists a municipality's items newest first, leaving out other municipalities", async () => {
    const db = freshDb()
    const older = makeItem({ opensAt: '2025-01-01T00:00:00.000Z' })
    const newer = makeItem({ opensAt: '2025-03-01T00:00:00+02:00' })
    const elsewhere = makeItem({ municipality: 'ander-dorp' })
    await saveItems(db, [older, newer, elsewhere])
    expect((await itemsOf(db, 'testdorp')).map((i) => i.id)).toEqual([newer.id, older.id])
  })

  it("lists a regional item for each member municipality whose feed carried it, and for no other", async () => {
    const db = freshDb()
    const regional = makeItem({ municipality: 'beverwijk', region: 'IJmond', regionSlug: 'ijmond' })
    await saveItems(db, [regional], 'velsen')
    // The same item later in the feed of a second member, changed: both keep listing it.
    await saveItems(db, [{ ...regional, title: 'Aangepast' }], 'heemskerk')
    expect((await itemsOf(db, 'velsen')).map((i) => [i.id, i.title])).toEqual([[regional.id, 'Aangepast']])
    expect((await itemsOf(db, 'heemskerk')).map((i) => i.id)).toEqual([regional.id])
    expect((await itemsOf(db, 'beverwijk')).map((i) => i.id)).toEqual([regional.id])
    expect(await itemsOf(db, 'westervoort')).toEqual([])
    expect(await itemById(db, regional.id)).toMatchObject({ region: 'IJmond', alsoFor: ['velsen', 'heemskerk'] })
  })

  it('replaces an item with the copy the server sent last', async () => {
    const db = freshDb()
    const item = makeItem()
    await saveItems(db, [item])
    await saveItems(db, [{ ...item, status: 'closed' }])
    expect((await itemById(db, item.id))?.status).toBe('closed')
  })

  it('answers undefined for an item this device never saw', async () => {
    expect(await itemById(freshDb(), crypto.randomUUID())).toBeUndefined()
  })
})
