import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { UuidSchema } from '../shared/schemas/common'
import { useDb } from './db/app-db'
import { useSyncStore } from './stores/sync'
import { openMunicipalityLink } from './sync/municipality-link'

/**
 * The short, stable links on posters and in shared messages (`/g/SLUG`, `/i/ID`). They never
 * change when a page's own address does; each forwards to the page it stands for, and what does
 * not exist stays on its own address showing the not-found page.
 */

const firstParam = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

/** `/i/ID`: the item's page; an id that cannot be an item is not found at once. */
export function itemLinkTarget(to: RouteLocationNormalized): RouteLocationRaw | true {
  const id = firstParam(to.params.id)
  return UuidSchema.safeParse(id).success ? { name: 'item', params: { id }, query: to.query, hash: to.hash } : true
}

/** `/g/SLUG`: chooses the municipality and opens its home; unknown stays here (not found); offline lets the resident choose later. */
export async function municipalityLinkTarget(to: RouteLocationNormalized): Promise<RouteLocationRaw | true> {
  const outcome = await openMunicipalityLink(useDb(), firstParam(to.params.slug))
  if (outcome === 'unknown') return true
  if (outcome === 'offline') return { name: 'choose' }
  // Fetch the municipality's items now rather than at the next timer, as the choose page does.
  void useSyncStore().syncNow().catch(() => undefined)
  return { name: 'home' }
}
