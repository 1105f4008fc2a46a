import { MunicipalityProfileSchema, type MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { MeepraatDb } from './db'

/** Kept per municipality, so switching back and forth shows the right name and look offline at once. */
const PROFILE_PREFIX = 'municipalityProfile:'

/**
 * The public profile of a municipality as last fetched, or `undefined` before the first fetch.
 * A stored value that no longer fits the schema (an older version wrote it) reads as absent.
 */
export async function getMunicipalityProfile(db: MeepraatDb, slug: string): Promise<MunicipalityProfile | undefined> {
  const row = await db.meta.get(PROFILE_PREFIX + slug)
  const parsed = MunicipalityProfileSchema.safeParse(row?.value)
  return parsed.success ? parsed.data : undefined
}

/** Keeps the profile on the phone: the footer, the legal pages and the theme read it offline. */
export async function saveMunicipalityProfile(db: MeepraatDb, profile: MunicipalityProfile): Promise<void> {
  await db.meta.put({ key: PROFILE_PREFIX + profile.slug, value: MunicipalityProfileSchema.parse(profile) })
}
