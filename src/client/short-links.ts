import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { UuidSchema } from '../shared/schemas/common'
import { useDb } from './db/app-db'
import { getMunicipalityProfile } from './db/municipality-profile-repo'
import { useSyncStore } from './stores/sync'
import { openItemLink, openMunicipalityLink } from './sync/short-link-reads'
import { bringInLook } from './theme/look-arrival'

/**
 * The short, stable links on posters and in shared messages (`/g/SLUG`, `/i/ID`). They never
 * change when a page's own address does; each forwards to the page it stands for, and what does
 * not exist stays on its own address showing the not-found page.
 */

const firstParam = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

/** `/i/ID`: the item's page; an id that is no item (not even in form) gets the not-found page. */
export async function itemLinkTarget(to: RouteLocationNormalized): Promise<RouteLocationRaw | true> {
  const id = firstParam(to.params.id)
  if (!UuidSchema.safeParse(id).success || (await openItemLink(useDb(), id)) === 'unknown') return true
  return { name: 'item', params: { id }, query: to.query, hash: to.hash }
}

/** `/g/SLUG`: chooses the municipality and opens its home; unknown stays here (not found); offline lets the resident choose later. */
export async function municipalityLinkTarget(to: RouteLocationNormalized): Promise<RouteLocationRaw | true> {
  const outcome = await openMunicipalityLink(useDb(), firstParam(to.params.slug))
  if (outcome === 'unknown') return true
  if (outcome === 'offline') return { name: 'choose' }
  // Fetch the municipality's items now rather than at the next timer, as the choose page does.
  void useSyncStore().syncNow().catch(() => undefined)
  // Home holds its cards until the look (the profile is on the phone now) is on the page, as after choosing.
  void bringInLook(getMunicipalityProfile(useDb(), firstParam(to.params.slug)))
  return { name: 'home' }
}
