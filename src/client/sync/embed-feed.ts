import { SlugSchema } from '../../shared/schemas/common'
import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { MeepraatDb } from '../db/db'
import { saveItems } from '../db/items-repo'
import { getMunicipalityProfile, saveMunicipalityProfile } from '../db/municipality-profile-repo'
import { ApiError } from './api'
import { residentApi } from './resident-api'

/** What the widget could load: the municipality (and its items are on the phone), no such municipality, or nothing now. */
export type EmbedFeedOutcome = { kind: 'ready'; profile: MunicipalityProfile } | { kind: 'unknown' } | { kind: 'offline' }

/**
 * The widget's items: the framed municipality's feed, fetched whole and kept in the same
 * IndexedDB as the app (the widget runs on the app's origin), so an answer given in the widget
 * is the app's answer too: same outbox, same device, sent exactly once. It never changes the
 * municipality the resident chose in the app. Offline it shows what the phone already has.
 */
export async function loadEmbedFeed(db: MeepraatDb, rawSlug: string): Promise<EmbedFeedOutcome> {
  const slug = SlugSchema.safeParse(rawSlug)
  if (!slug.success) return { kind: 'unknown' }
  try {
    const [profile, list] = await Promise.all([residentApi().getMunicipalityProfile(slug.data), residentApi().getItems(slug.data)])
    await saveMunicipalityProfile(db, profile)
    await saveItems(db, list.items, slug.data)
    return { kind: 'ready', profile }
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'refused') return { kind: 'unknown' }
    const known = await getMunicipalityProfile(db, slug.data).catch(() => undefined)
    return known ? { kind: 'ready', profile: known } : { kind: 'offline' }
  }
}
