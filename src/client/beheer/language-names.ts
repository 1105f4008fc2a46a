import { LANGUAGE_ENDONYMS, textDirection, type ContentLanguage } from '../../shared/schemas/content-language'
import type { Translate } from '../i18n'

/** A content language as officials read its name: in the interface's language ("Arabisch"). */
export function languageName(t: Translate, lang: ContentLanguage): string {
  return t(`beheer.translations.language.${lang}`)
}

/** A language's own name with the attributes to show it in its own script and direction. */
export function endonymOf(lang: ContentLanguage): { text: string; lang: ContentLanguage; dir: 'ltr' | 'rtl' } {
  return { text: LANGUAGE_ENDONYMS[lang], lang, dir: textDirection(lang) }
}
