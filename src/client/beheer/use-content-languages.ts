import { onMounted, shallowRef, type ShallowRef } from 'vue'
import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguage } from '../../shared/schemas/content-language'
import { useOfficialSessionStore } from './stores/official-session'

/**
 * The languages the official's municipality translates its items into, read from its public
 * profile when the page mounts (an admin may just have changed them on the Gemeente page).
 * Null until known; a profile from before the setting existed means the default (English).
 * Should it not load, the page shows no translation parts rather than guessing.
 */
export function useContentLanguages(): ShallowRef<readonly ContentLanguage[] | null> {
  const session = useOfficialSessionStore()
  const languages = shallowRef<readonly ContentLanguage[] | null>(null)
  onMounted(async () => {
    const slug = session.me?.municipality
    if (!slug) return
    try {
      languages.value = (await session.api.municipalityProfile(slug)).contentLanguages ?? DEFAULT_CONTENT_LANGUAGES
    } catch {
      languages.value = null
    }
  })
  return languages
}
