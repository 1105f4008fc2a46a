import { i18n } from '../i18n'

let loaded: Promise<void> | null = null

/**
 * Loads the back office's texts once, before its first page shows. They live in their own
 * chunk so the resident app, which most people use, never downloads them.
 */
export function loadBeheerMessages(): Promise<void> {
  loaded ??= Promise.all([import('../locales/beheer-nl.json'), import('../locales/beheer-en.json')]).then(([nl, en]) => {
    i18n.addMessages({ nl: nl.default, en: en.default })
  })
  return loaded
}
