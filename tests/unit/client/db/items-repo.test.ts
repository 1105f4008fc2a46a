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
