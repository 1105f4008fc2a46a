import { getMunicipality } from '../../db/meta-repo'
import { municipalityProfileFetchedAt, saveMunicipalityProfile } from '../../db/municipality-profile-repo'
import type { Api } from '../api'
import type { Pull } from './pull'

/** A profile changes rarely (an admin edits the look or the contact details): once an hour is plenty. */
export const PROFILE_REFRESH_MS = 60 * 60 * 1000

/**
 * A profile this phone fetched less than this long ago counts as this visit's: the choice page
 * fetches it beside the items moments before the first sync, which then need not ask again.
 */
export const PROFILE_JUST_FETCHED_MS = 60 * 1000

/**
 * The chosen municipality's public profile (name, look, contact, privacy and accessibility data),
 * kept on the phone so the header, the theme and the legal pages work offline. Fetched on the
 * first sync of a visit (unless the choice page fetched it moments before), when the resident
 * picks another municipality, and then hourly, not on every sync. Beside the run: an old profile
 * is still right enough, so a failure never holds up or fails sending answers.
 */
export function municipalityProfilePull(api: Pick<Api, 'getMunicipalityProfile'>, now: () => number = Date.now): Pull {
  let last: { slug: string; at: number } | undefined
  return {
    name: 'municipality-profile',
    mode: 'beside',
    async run({ db, stopped }) {
      const municipality = await getMunicipality(db)
      if (municipality === undefined || stopped()) return
      if (last?.slug === municipality && now() - last.at < PROFILE_REFRESH_MS) return
      const fetchedAt = await municipalityProfileFetchedAt(db, municipality)
      if (fetchedAt !== undefined && now() >= fetchedAt && now() - fetchedAt < PROFILE_JUST_FETCHED_MS) {
        last = { slug: municipality, at: fetchedAt }
        return
      }
      await saveMunicipalityProfile(db, await api.getMunicipalityProfile(municipality), now())
      last = { slug: municipality, at: now() }
    },
  }
}
