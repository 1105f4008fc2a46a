import { MunicipalityProfileSchema, type MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { MeepraatDb } from './db'

/** Kept per municipality, so switching back and forth shows the right name and look offline at once. */
const PROFILE_PREFIX = 'municipalityProfile:'
/** When this phone last fetched that profile (ms since the epoch), so two readers do not ask twice in a row. */
const FETCHED_AT_PREFIX = 'municipalityProfileFetchedAt:'

/**
 * The public profile of a municipality as last fetched, or `undefined` before the first fetch.
 * A stored value that no longer fits the schema (an older version wrote it) reads as absent.
 */
export async function getMunicipalityProfile(db: MeepraatDb, slug: string): Promise<MunicipalityProfile | undefined> {
  const row = await db.meta.get(PROFILE_PREFIX + slug)
  const parsed = MunicipalityProfileSchema.safeParse(row?.value)
  return parsed.success ? parsed.data : undefined
}

/** Keeps the profile on the phone (the footer, the legal pages and the theme read it offline), with when it was fetched. */
export async function saveMunicipalityProfile(db: MeepraatDb, profile: MunicipalityProfile, fetchedAt: number = Date.now()): Promise<void> {
  await db.meta.bulkPut([
    { key: PROFILE_PREFIX + profile.slug, value: MunicipalityProfileSchema.parse(profile) },
    { key: FETCHED_AT_PREFIX + profile.slug, value: fetchedAt },
  ])
}

/** When the stored profile of `slug` was fetched, or `undefined` (never, or stored by an older version). */
export async function municipalityProfileFetchedAt(db: MeepraatDb, slug: string): Promise<number | undefined> {
  const value = (await db.meta.get(FETCHED_AT_PREFIX + slug))?.value
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
