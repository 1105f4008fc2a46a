import { saveItems } from '../../db/items-repo'
import { clearItemsCursor, getItemsCursor, getMunicipality, setItemsCursor } from '../../db/meta-repo'
import { ApiError, type Api } from '../api'
import type { Pull } from './pull'

/**
 * The chosen municipality's item changes since the stored cursor; items and cursor are saved
 * together. Part of the run: the items are what the resident came for, so a failure retries on
 * the backoff.
 */
export function itemsPull(api: Pick<Api, 'getItems'>): Pull {
  return {
    name: 'items',
    mode: 'in-run',
    async run({ db, stopped }) {
      const municipality = await getMunicipality(db)
      if (municipality === undefined || stopped()) return
      const since = await getItemsCursor(db, municipality)
      let list
      try {
        list = await api.getItems(municipality, since)
      } catch (error) {
        // A refused cursor (the server's feed was reset) must not block updates forever: start over.
        if (!(error instanceof ApiError && error.kind === 'refused' && since !== undefined)) throw error
        await clearItemsCursor(db, municipality)
        list = await api.getItems(municipality)
      }
      const { items, cursor } = list
      await db.transaction('rw', db.items, db.meta, async () => {
        await saveItems(db, items, municipality)
        await setItemsCursor(db, municipality, cursor)
      })
    },
  }
}
