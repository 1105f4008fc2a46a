import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DeviceIdSchema } from '../../../../src/shared/schemas/submission'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import {
  clearItemsCursor,
  getDeviceId,
  getItemsCursor,
  getLocale,
  getMunicipality,
  getProfile,
  setItemsCursor,
  setLocale,
  setMunicipality,
  setProfile,
} from '../../../../src/client/db/meta-repo'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`meta-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

describe('meta-repo', () => {
  it('makes a 256-bit base64url device id once and keeps it', async () => {
    const db = freshDb()
    const first = await getDeviceId(db)
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(DeviceIdSchema.safeParse(first).success).toBe(true)
    expect(await getDeviceId(db)).toBe(first)
  })

  it('gives two tabs asking at the same moment the same device id', async () => {
    const name = `meta-${crypto.randomUUID()}`
    const tabA = createDb(name)
    const tabB = createDb(name)
    opened.push(tabA, tabB)
    const [a, b] = await Promise.all([getDeviceId(tabA), getDeviceId(tabB)])
    expect(a).toBe(b)
  })

  it('makes a different device id on another device', async () => {
    expect(await getDeviceId(freshDb())).not.toBe(await getDeviceId(freshDb()))
  })

  it('remembers municipality, profile and locale', async () => {
    const db = freshDb()
    expect(await getMunicipality(db)).toBeUndefined()
    expect(await getProfile(db)).toBeUndefined()
    expect(await getLocale(db)).toBeUndefined()
    await setMunicipality(db, 'testdorp')
    await setProfile(db, { ageBand: '16-17' })
    await setLocale(db, 'en')
    expect(await getMunicipality(db)).toBe('testdorp')
    expect(await getProfile(db)).toEqual({ ageBand: '16-17' })
    expect(await getLocale(db)).toBe('en')
  })

  it('tells a skipped profile ({}) apart from one never asked', async () => {
    const db = freshDb()
    await setProfile(db, {})
    expect(await getProfile(db)).toEqual({})
  })

  it('reads a stored value that no longer fits its schema as absent', async () => {
    const db = freshDb()
    await db.meta.put({ key: 'municipality', value: 'Not A Slug!' })
    await db.meta.put({ key: 'locale', value: 'fr' })
    expect(await getMunicipality(db)).toBeUndefined()
    expect(await getLocale(db)).toBeUndefined()
  })

  it('refuses to store an invalid municipality slug', async () => {
    await expect(setMunicipality(freshDb(), 'Bad Slug')).rejects.toThrow()
  })

  it('keeps the item feed cursor per municipality', async () => {
    const db = freshDb()
    await setItemsCursor(db, 'a-dorp', 'v1')
    await setItemsCursor(db, 'b-dorp', 'v9')
    expect(await getItemsCursor(db, 'a-dorp')).toBe('v1')
    expect(await getItemsCursor(db, 'b-dorp')).toBe('v9')
    await clearItemsCursor(db, 'a-dorp')
    expect(await getItemsCursor(db, 'a-dorp')).toBeUndefined()
  })
})
