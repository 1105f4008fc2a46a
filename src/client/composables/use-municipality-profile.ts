import { computed } from 'vue'
import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import { useDb } from '../db/app-db'
import { getMunicipality } from '../db/meta-repo'
import { getMunicipalityProfile } from '../db/municipality-profile-repo'
import { useLiveQuery } from './use-live-query'

/** What the phone knows of the chosen municipality: its slug, and its profile once fetched. */
export interface ChosenMunicipality {
  slug?: string
  profile?: MunicipalityProfile
}

/**
 * The chosen municipality and its public profile, read from IndexedDB and updated when the sync
 * engine fetches a newer profile. `loaded` is false until the phone answered (then the footer
 * and the legal pages can tell "nothing chosen" from "not read yet").
 */
export function useMunicipalityProfile() {
  const db = useDb()
  const { data, loading } = useLiveQuery<ChosenMunicipality>(async () => {
    const slug = await getMunicipality(db)
    return slug ? { slug, profile: await getMunicipalityProfile(db, slug) } : {}
  })
  return {
    slug: computed(() => data.value?.slug),
    profile: computed(() => data.value?.profile),
    loaded: computed(() => !loading.value),
  }
}
