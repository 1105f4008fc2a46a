import { isContentLanguage, type TextLanguage } from '../../shared/rules/content-language-names'
import type { MeepraatDb } from './db'

/** Where the resident's "Taal van de vragen" is kept on the phone (meta table, so it works offline). */
const CONTENT_LANGUAGE_KEY = 'contentLanguage'

/** The language the resident chose for the municipality's content, or `undefined` to follow the default. */
export async function getContentLanguage(db: MeepraatDb): Promise<TextLanguage | undefined> {
  const value = (await db.meta.get(CONTENT_LANGUAGE_KEY))?.value
  return value === 'nl' || isContentLanguage(value) ? value : undefined
}

export async function setContentLanguage(db: MeepraatDb, lang: TextLanguage): Promise<void> {
  await db.meta.put({ key: CONTENT_LANGUAGE_KEY, value: lang })
}
