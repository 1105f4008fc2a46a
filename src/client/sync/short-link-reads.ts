import { SlugSchema } from '../../shared/schemas/common'
import type { MeepraatDb } from '../db/db'
import { getMunicipality, setMunicipality } from '../db/meta-repo'
import { saveMunicipalityProfile } from '../db/municipality-profile-repo'
import { itemById } from '../db/items-repo'
import { ApiError } from './api'
import { fetchItem } from './reads'
import { residentApi } from './resident-api'

/** What opening `/g/SLUG` did: chose the municipality, found no such municipality, or could not ask. */
export type MunicipalityLinkOutcome = 'chosen' | 'unknown' | 'offline'

/**
 * A short link `/g/SLUG` (a poster, a shared link) chooses that municipality, as choosing it on
 * the choose page does, once the server confirmed it exists: a mistyped link must not leave the
 * phone on a municipality that is not there. Its profile is kept, so its name and look show at once.
 */
export async function openMunicipalityLink(db: MeepraatDb, rawSlug: string): Promise<MunicipalityLinkOutcome> {
  const slug = SlugSchema.safeParse(rawSlug)
  if (!slug.success) return 'unknown'
  // Already chosen: nothing to ask, and it works offline.
  if ((await getMunicipality(db).catch(() => undefined)) === slug.data) return 'chosen'
  try {
    const profile = await residentApi().getMunicipalityProfile(slug.data)
    await saveMunicipalityProfile(db, profile)
    await setMunicipality(db, slug.data)
    return 'chosen'
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'refused') return 'unknown'
    return 'offline'
  }
}

/** What opening `/i/ID` found: the item (on the phone or fetched now), no such item, or no way to ask. */
export type ItemLinkOutcome = 'known' | 'unknown' | 'offline'

/**
 * A short link `/i/ID` opens the item's page when the item exists: on the phone already, or
 * fetched now (and kept). An id the server does not know gets the not-found page; offline, the
 * item page itself says it is not on the phone yet.
 */
export async function openItemLink(db: MeepraatDb, id: string): Promise<ItemLinkOutcome> {
  if (await itemById(db, id).catch(() => undefined)) return 'known'
  try {
    await fetchItem(db, id)
    return 'known'
  } catch (error) {
    return error instanceof ApiError && error.kind === 'refused' ? 'unknown' : 'offline'
  }
}
