import { i18n, loadLocale, LOCALES, type Locale } from '../i18n'

const sources: Record<Locale, () => Promise<{ default: Record<string, string> }>> = {
  nl: () => import('../locales/beheer-nl.json'),
  en: () => import('../locales/beheer-en.json'),
}
const loaded = new Map<Locale, Promise<void>>()

/**
 * Loads the back office's texts in one language (and the residents' texts of that language,
 * which its previews and results use), once. Dutch always comes too: it is the fallback for any
 * key missing in English. They live in their own chunks, so residents never download them.
 */
export function loadBeheerLocale(locale: Locale): Promise<void> {
  const wanted: Locale[] = locale === 'nl' ? ['nl'] : ['nl', locale]
  return Promise.all(
    wanted.map((l) => {
      let texts = loaded.get(l)
      if (!texts) {
        texts = Promise.all([sources[l](), loadLocale(l)]).then(([module]) => i18n.addMessages({ [l]: module.default }))
        // A failed load (offline) may be tried again later.
        texts.catch(() => loaded.delete(l))
        loaded.set(l, texts)
      }
      return texts
    }),
  ).then(() => undefined)
}

/** Loads the back office's texts in every language (component tests, which switch freely). */
export function loadBeheerMessages(): Promise<void> {
  return Promise.all(LOCALES.map(loadBeheerLocale)).then(() => undefined)
}
