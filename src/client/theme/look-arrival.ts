import { computed, shallowRef } from 'vue'
import { applyTheme, rememberTheme, themeStylesheetSettled, type ThemeHint } from './theme-hint'

/**
 * The longest home holds its list for a look on its way. Past it a slow theme may still move the
 * page when it lands, but the resident is never kept from the items by a stylesheet.
 */
export const LOOK_WAIT_MS = 10_000

const arriving = shallowRef(0)

/**
 * True while a just-chosen municipality's look (its theme's fonts and sizes) is on its way. Home
 * shows "Laden…" meanwhile instead of its cards: shown in the default theme, they moved when the
 * theme landed, and a tap aimed at a card's title then fell on its summary and opened nothing.
 */
export const lookArriving = computed(() => arriving.value > 0)

/**
 * Puts the chosen municipality's theme on the page from its profile (fetched or read by the
 * caller) and keeps `lookArriving` up until its stylesheet has loaded or failed. Without a profile
 * (offline, refused) the default look stays and there is nothing to wait for.
 */
export async function bringInLook(profile: Promise<ThemeHint | undefined>, doc: Document = document): Promise<void> {
  arriving.value++
  let timer: ReturnType<typeof setTimeout> | undefined
  const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOOK_WAIT_MS)))
  const look = (async () => {
    const hint = await profile
    if (!hint) return
    applyTheme(doc, hint)
    rememberTheme(hint)
    await themeStylesheetSettled(doc)
  })()
  try {
    await Promise.race([look, cap])
  } catch {
    // No profile: the default look it is, as before the choice.
  } finally {
    clearTimeout(timer)
    arriving.value--
  }
}
