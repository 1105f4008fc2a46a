import type { Item } from '../../shared/schemas/item'
import type { MeepraatDb, LocalSubmission } from '../db/db'
import { itemById } from '../db/items-repo'
import { latestAnswerFor } from '../db/submissions-repo'

/** What the item page shows from the phone: the item and this phone's latest answer to it. */
export interface ItemPageData {
  item: Item | undefined
  latest: LocalSubmission | undefined
}

/** The longest the way to an item waits for the phone's copy; past it the page opens with "Laden…". */
export const ITEM_PREFETCH_WAIT_MS = 500

export async function readItemPageData(db: MeepraatDb, id: string): Promise<ItemPageData> {
  const [item, latest] = await Promise.all([itemById(db, id), latestAnswerFor(db, id)])
  return { item, latest }
}

/** The one prefetched item: only the item on the way is kept, one the router turned away from would show stale later. */
let early: { id: string; data: ItemPageData } | undefined

/**
 * Reads an item from the phone while the router is still on its way to the item page, so the
 * page's first paint already shows the item instead of "Laden…" first and the item a moment
 * (on a slow phone: a few hundred ms) later, which is what the resident waits for. The views the
 * item needs that live in files of their own (a ranking, a feedback timeline) are fetched in the
 * same wait, so they paint with the page instead of pushing it down a moment later. Never fails
 * and never holds the page longer than ITEM_PREFETCH_WAIT_MS: the page reads again by itself.
 */
export async function prefetchItemPage(db: MeepraatDb, id: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let onTheWay = true
  const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, ITEM_PREFETCH_WAIT_MS)))
  const read = readItemPageData(db, id).then(
    async (data) => {
      // A read that comes after the cap is dropped: the page has opened and read by itself.
      if (!onTheWay) return
      early = { id, data }
      // Within what is left of the wait; past it the views load as the page renders them.
      // item-views lies in the item route's file (ItemPage imports it): this starts its fetch before
      // the router asks for the page, and a file that does not come leaves the page to load it.
      if (data.item) await import('./item-views').then(({ preloadItemViews }) => preloadItemViews(data.item!)).catch(() => undefined)
    },
    () => undefined,
  )
  await Promise.race([read, cap])
  onTheWay = false
  clearTimeout(timer)
}

/** The data prefetched for `id`, once: a later visit reads afresh. */
export function takePrefetchedItemPage(id: string): ItemPageData | undefined {
  const taken = early?.id === id ? early.data : undefined
  early = undefined
  return taken
}
