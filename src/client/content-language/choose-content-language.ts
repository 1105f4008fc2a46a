import { DEFAULT_CONTENT_LANGUAGES, isContentLanguage, type TextLanguage } from '../../shared/rules/content-language-names'

/**
 * Which language a resident reads the municipality's content in. Pure, so the rule is tested on
 * its own: the app passes the UI language, the browser's languages and what the municipality offers.
 */

/**
 * Dutch, then the municipality's content languages, each once. A profile from before content
 * languages existed has none listed: the settings' default (English) applies.
 */
export function offeredContentLanguages(contentLanguages: readonly string[] | undefined): TextLanguage[] {
  const listed = (contentLanguages ?? DEFAULT_CONTENT_LANGUAGES).filter(isContentLanguage)
  return ['nl', ...new Set(listed)]
}

/** 'ar-SY' -> 'ar': content languages are primary tags. */
export function primaryTag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
}

export interface ContentLanguageDefaults {
  /** The interface language ('nl' or 'en'). */
  uiLocale: string
  /** `navigator.languages`, most wanted first. */
  browserLanguages: readonly string[]
  offered: readonly TextLanguage[]
}

/**
 * The language to show when the resident chose none: the interface language when it is not
 * Dutch and offered (English interface -> English content), else the first of the browser's
 * languages that is offered, else Dutch. A Dutch interface says little (every visitor starts
 * there), so it lets the browser speak: a phone set to Arabic gets Arabic content where there is some.
 */
export function defaultContentLanguage({ uiLocale, browserLanguages, offered }: ContentLanguageDefaults): TextLanguage {
  const ui = primaryTag(uiLocale)
  if (ui !== 'nl') {
    const match = offered.find((lang) => lang === ui)
    if (match) return match
  }
  for (const tag of browserLanguages) {
    const match = offered.find((lang) => lang === primaryTag(tag))
    if (match) return match
  }
  return 'nl'
}

/** The resident's stored choice while it is still offered, otherwise the default. */
export function effectiveContentLanguage(stored: TextLanguage | undefined, defaults: ContentLanguageDefaults): TextLanguage {
  if (stored && defaults.offered.includes(stored)) return stored
  return defaultContentLanguage(defaults)
}
