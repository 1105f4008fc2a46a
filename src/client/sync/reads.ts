import type { Municipality } from '../../shared/schemas/municipality'
import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { PublicResults } from '../../shared/schemas/results'
import type { MeepraatDb } from '../db/db'
import { saveFeedbackFigures } from '../db/figures-repo'
import { saveItems } from '../db/items-repo'
import { getMunicipality } from '../db/meta-repo'
import { saveMunicipalityProfile } from '../db/municipality-profile-repo'
import { residentApi } from './resident-api'

/**
 * The few reads that are not synced into IndexedDB by the engine: they need the network at the
 * moment the resident looks, and reject when it is not there (callers say so calmly). Those
 * worth keeping for offline use are saved to the phone here.
 */

/** Every municipality that uses Meepraat (choosing one, its areas). */
export function fetchMunicipalities(): Promise<Municipality[]> {
  return residentApi().getMunicipalities()
}

/** A municipality's public profile (name, look), kept on the phone; the choose page asks for it beside the items. */
export async function fetchMunicipalityProfile(db: MeepraatDb, slug: string): Promise<MunicipalityProfile> {
  const profile = await residentApi().getMunicipalityProfile(slug)
  await saveMunicipalityProfile(db, profile)
  return profile
}

/** The areas (wijken) of the chosen municipality, or of `fallback` before one was chosen. */
export async function fetchAreas(db: MeepraatDb, fallback?: string): Promise<string[]> {
  const [slug, list] = await Promise.all([getMunicipality(db), fetchMunicipalities()])
  return list.find((m) => m.slug === (slug ?? fallback))?.areas ?? []
}

/** An item's results; not kept on the phone. */
export function fetchResults(itemId: string): Promise<PublicResults> {
  return residentApi().getResults(itemId)
}

/** Fetches one item (a link opened on a phone that never saw it) and keeps it on the phone. */
export async function fetchItem(db: MeepraatDb, id: string): Promise<void> {
  await saveItems(db, [await residentApi().getItem(id)])
}

/** Fetches the municipality's feedback figures and keeps them, so offline shows the last known. */
export async function refreshFeedbackFigures(db: MeepraatDb, municipality: string): Promise<void> {
  await saveFeedbackFigures(db, municipality, await residentApi().getFeedbackFigures(municipality))
}
