import { SignalListSchema, type SignalList, type SignalSort } from '../../shared/schemas/signal'
import type { MeepraatDb } from '../db/db'
import type { Api } from './api'
import { residentApi } from './resident-api'

/** The last first page of a municipality's published signals, kept so the list shows offline. */
const LIST_PREFIX = 'signals:'

/**
 * One page of a municipality's published signals. Needs the network; the first page in the
 * default order is kept on the phone, so the list can still be shown offline (`storedSignals`).
 */
export async function fetchSignals(db: MeepraatDb, municipality: string, page: { sort: SignalSort; offset: number }, api: Pick<Api, 'getSignals'> = residentApi()): Promise<SignalList> {
  const list = await api.getSignals(municipality, { sort: page.sort, offset: page.offset })
  if (page.offset === 0 && page.sort === 'newest') await db.meta.put({ key: LIST_PREFIX + municipality, value: list })
  return list
}

/** The list as last fetched, or undefined; a stored value an older version wrote reads as absent. */
export async function storedSignals(db: MeepraatDb, municipality: string): Promise<SignalList | undefined> {
  const parsed = SignalListSchema.safeParse((await db.meta.get(LIST_PREFIX + municipality))?.value)
  return parsed.success ? parsed.data : undefined
}
