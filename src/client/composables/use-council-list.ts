import { onMounted, ref, type Ref } from 'vue'
import type { MeepraatDb } from '../db/db'
import { getMunicipality } from '../db/meta-repo'
import { useLiveQuery } from './use-live-query'

/**
 * A council list of the chosen municipality, read from the phone and refreshed once when the page
 * opens: `problem` says why the refresh failed (offline or otherwise), the stored list stays shown.
 */
export function useCouncilList<T>(db: MeepraatDb, read: (db: MeepraatDb, municipality: string) => Promise<T | undefined>, refresh: (db: MeepraatDb, municipality: string) => Promise<void>) {
  const { data, loading } = useLiveQuery(async () => {
    const municipality = await getMunicipality(db)
    return { municipality, stored: municipality ? await read(db, municipality) : undefined }
  })
  const problem: Ref<'offline' | 'error' | null> = ref(null)
  const refreshed = ref(false)
  onMounted(async () => {
    const municipality = await getMunicipality(db)
    if (!municipality) return
    try {
      await refresh(db, municipality)
      problem.value = null
    } catch {
      problem.value = typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'error'
    } finally {
      refreshed.value = true
    }
  })
  return { data, loading, problem, refreshed }
}
