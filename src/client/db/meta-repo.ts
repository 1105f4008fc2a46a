import type { z } from 'zod'
import { SlugSchema } from '../../shared/schemas/common'
import { CursorSchema } from '../../shared/schemas/item'
import { ProfileSchema, type Profile } from '../../shared/schemas/profile'
import { DeviceIdSchema } from '../../shared/schemas/submission'
import type { MeepraatDb } from './db'

/** Languages the app speaks; Dutch is the source language. */
export const LOCALES = ['nl', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const DEVICE_ID_KEY = 'deviceId'
const MUNICIPALITY_KEY = 'municipality'
const PROFILE_KEY = 'profile'
const LOCALE_KEY = 'locale'
const ITEMS_CURSOR_PREFIX = 'itemsCursor:'

/**
 * Reads one meta value and checks it against its schema. A value that no longer fits (written
 * by an older version, or tampered with in devtools) reads as absent instead of crashing the app.
 */
async function readMeta<T>(db: MeepraatDb, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const row = await db.meta.get(key)
  if (row === undefined) return undefined
  const parsed = schema.safeParse(row.value)
  return parsed.success ? parsed.data : undefined
}

/** 32 random bytes as base64url: 256 bits, well above the contract's 128-bit minimum. */
function newDeviceSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The device's random secret id, made once and kept. It ties a resident's changed answer to the
 * earlier one ("one device, one answer per item") without any personal data. Made inside a
 * read-write transaction so two tabs starting at once cannot end up with two ids.
 */
export function getDeviceId(db: MeepraatDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta(db, DEVICE_ID_KEY, DeviceIdSchema)
    if (existing !== undefined) return existing
    const deviceId = newDeviceSecret()
    await db.meta.put({ key: DEVICE_ID_KEY, value: deviceId })
    return deviceId
  })
}

/** The municipality the resident chose, or `undefined` before they chose one. */
export function getMunicipality(db: MeepraatDb): Promise<string | undefined> {
  return readMeta(db, MUNICIPALITY_KEY, SlugSchema)
}

/** Remembers the chosen municipality; the sync engine pulls that municipality's items. */
export async function setMunicipality(db: MeepraatDb, slug: string): Promise<void> {
  await db.meta.put({ key: MUNICIPALITY_KEY, value: SlugSchema.parse(slug) })
}

/**
 * The optional profile sent along with answers. `undefined` means the resident was never asked;
 * `{}` means they skipped it, so the UI can tell the two apart and not ask again.
 */
export function getProfile(db: MeepraatDb): Promise<Profile | undefined> {
  return readMeta(db, PROFILE_KEY, ProfileSchema)
}

/** Stores the optional profile (validated, so a bad value never reaches the outbox). */
export async function setProfile(db: MeepraatDb, profile: Profile): Promise<void> {
  await db.meta.put({ key: PROFILE_KEY, value: ProfileSchema.parse(profile) })
}

/** The language the resident picked, or `undefined` to follow the browser. */
export async function getLocale(db: MeepraatDb): Promise<Locale | undefined> {
  const value = (await db.meta.get(LOCALE_KEY))?.value
  return LOCALES.find((locale) => locale === value)
}

/** Remembers the resident's language choice across visits. */
export async function setLocale(db: MeepraatDb, locale: Locale): Promise<void> {
  await db.meta.put({ key: LOCALE_KEY, value: locale })
}

/**
 * Where the item change feed of a municipality was last read. Kept per municipality so that
 * switching back and forth never skips changes.
 */
export function getItemsCursor(db: MeepraatDb, municipality: string): Promise<string | undefined> {
  return readMeta(db, ITEMS_CURSOR_PREFIX + municipality, CursorSchema)
}

/** Stores the change-feed cursor; call it in the same transaction that saves the items. */
export async function setItemsCursor(db: MeepraatDb, municipality: string, cursor: string): Promise<void> {
  await db.meta.put({ key: ITEMS_CURSOR_PREFIX + municipality, value: CursorSchema.parse(cursor) })
}

/** Forgets the cursor, so the next pull fetches everything (e.g. after the server refused it). */
export async function clearItemsCursor(db: MeepraatDb, municipality: string): Promise<void> {
  await db.meta.delete(ITEMS_CURSOR_PREFIX + municipality)
}

/**
 * Forgets the device id and the profile ("Wis alles"): the next `getDeviceId` makes a new id, so
 * the phone starts afresh and nothing it sends later can be tied to what was erased. Call inside
 * the caller's transaction. The chosen municipality and language stay: they say nothing about
 * the resident's input.
 */
export async function forgetDeviceAndProfile(db: MeepraatDb): Promise<void> {
  await db.meta.bulkDelete([DEVICE_ID_KEY, PROFILE_KEY])
}
