import type { Item, ItemList, ItemListQuery } from '../../shared/schemas/item'
import { MIN_RESULTS_DEVICES } from '../../shared/schemas/municipality-settings'
import { publicResultsOf, type PublicResults } from '../../shared/schemas/results'
import type { Db } from '../db/client'
import { badRequest, DomainError, notFound } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { findPublishedItem, listPublishedItems } from '../repos/item-repo'
import { findMunicipality, findMunicipalitySettings } from '../repos/municipality-repo'
import { resultsOf } from '../repos/results-repo'

/** The published items of a municipality, all or those changed after a cursor this API handed out. */
export async function publishedItems(db: Db, query: ItemListQuery, now: Date): Promise<ItemList> {
  const { municipality, kind, since } = query
  const parsed = since === undefined ? undefined : parseCursor(since)
  if (parsed?.kind === 'invalid') throw badRequest('since: not a cursor returned by this API')
  const found = await findMunicipality(db, municipality)
  if (!found) throw notFound('municipality')
  // A cursor of an earlier version reads everything again; clients merge items by id.
  const cursor = parsed?.kind === 'cursor' ? parsed.cursor : undefined
  return listPublishedItems(db, { municipality, region: found.regionSlug, kind, since: cursor, now })
}

export async function publishedItem(db: Db, id: string, now: Date): Promise<Item> {
  const item = await findPublishedItem(db, id, now)
  if (!item) throw notFound('item')
  return item
}

/**
 * The results, when the item lets residents see them: directly, or once it has closed; and only
 * when enough devices answered (the municipality's minimum, never below 5).
 */
export async function publicResults(db: Db, id: string, now: Date): Promise<PublicResults> {
  const item = await publishedItem(db, id, now)
  const visible = item.resultsVisibility === 'direct' || (item.resultsVisibility === 'after_close' && item.status === 'closed')
  if (!visible) throw new DomainError('results_not_public', 'The results of this item are not public (yet)')
  const [results, settings] = await Promise.all([resultsOf(db, item), findMunicipalitySettings(db, item.municipality)])
  // The schema never lets a setting below 5 in; the max() guards a document written by hand.
  return publicResultsOf(results, Math.max(MIN_RESULTS_DEVICES, settings?.resultsMinDevices ?? MIN_RESULTS_DEVICES))
}
