import { watch } from 'vue'
import { applyTheme, rememberTheme, type ThemeHint } from '../theme/theme-hint'
import { useMunicipalityProfile } from './use-municipality-profile'

/**
 * Keeps the page in the chosen municipality's look: its theme class and stylesheet, applied as
 * soon as its profile is on the phone and remembered for the next visit's first paint. Without a
 * chosen municipality (or before its profile arrived) the open Meepraat theme shows.
 */
export function useMunicipalityLook() {
  const chosen = useMunicipalityProfile()
  watch([chosen.loaded, chosen.profile], ([loaded, profile]) => {
    // Until IndexedDB answered, keep what theme-boot.js put on the page.
    if (!loaded) return
    const hint: ThemeHint | null = profile ? { themeClass: profile.themeClass, themeCssUrl: profile.themeCssUrl } : null
    applyTheme(document, hint)
    rememberTheme(hint)
  }, { immediate: true })
  return chosen
}
