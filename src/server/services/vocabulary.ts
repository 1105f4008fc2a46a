import { termOf } from '../../shared/validation/vocabulary'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { findVocabulary } from '../repos/municipality-repo'

/**
 * An item's theme must be one of its municipality's themes, so a table's theme always matches
 * the themes people asked to be invited for. Returns the theme as the municipality spells it.
 */
export async function themeOfVocabulary(db: Db, municipality: string, theme: string): Promise<string> {
  const vocabulary = await findVocabulary(db, municipality)
  if (!vocabulary) throw notFound('municipality')
  const found = termOf(vocabulary.themes, theme)
  if (!found) throw new DomainError('theme_not_in_vocabulary', `"${theme}" is not one of this municipality's themes: ${vocabulary.themes.join(', ')}`)
  return found
}
