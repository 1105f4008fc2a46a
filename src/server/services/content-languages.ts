import { isDeepStrictEqual } from 'node:util'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { findMunicipalitySettings } from '../repos/municipality-repo'

/**
 * Translations may only be written in the languages the municipality chose on its "Gemeente"
 * page: the back office lists what is missing for exactly those, and the app offers residents
 * only those. A language the municipality stopped offering keeps its stored texts as long as
 * nobody changes them (`stored`), so dropping a language and picking it again loses nothing and
 * a client that sends the item back as it got it is not refused.
 */
export async function checkOfferedLanguages(
  db: Db,
  municipality: string,
  translations: Readonly<Record<string, unknown>> | undefined,
  stored: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  if (!translations) return
  // Only a changed language needs the settings: a save that sends the translations back as stored reads none.
  const changed = Object.keys(translations).filter((lang) => !isDeepStrictEqual(normalised(translations[lang]), normalised(stored[lang])))
  if (changed.length === 0) return
  const settings = await findMunicipalitySettings(db, municipality)
  if (!settings) throw notFound('municipality')
  const offered = new Set<string>(settings.contentLanguages)
  const refused = changed.filter((lang) => !offered.has(lang))
  if (refused.length > 0) {
    throw new DomainError(
      'translation_language_not_offered',
      `This municipality does not offer ${refused.join(', ')} as a content language; an admin adds it on the Gemeente page (offered: ${[...offered].join(', ') || 'none'})`,
      refused.map((lang) => ({ name: `body/translations/${lang}`, reason: 'language not offered' })),
    )
  }
}

/** Compared as JSON: a field set to undefined in the request is the same as one left out. */
function normalised(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}
