/**
 * One vocabulary per municipality: items, Benader mij and breakdowns use its own lists of themes
 * and areas. Terms compare without regard to case ("Meedoen" is "meedoen"), as residents and
 * officials type them.
 */

/** Whether two terms of a vocabulary are the same word. */
export function sameTerm(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl')
}

/** The term as the municipality spells it, or undefined when it is not in the list. */
export function termOf(list: readonly string[], term: string): string | undefined {
  return list.find((t) => sameTerm(t, term))
}

/** Whether every theme and the area (when given) are in the municipality's lists. */
export function inVocabulary(vocabulary: { areas: readonly string[]; themes: readonly string[] }, wanted: { themes?: readonly string[]; area?: string | null | undefined }): boolean {
  const themesKnown = (wanted.themes ?? []).every((w) => termOf(vocabulary.themes, w) !== undefined)
  return themesKnown && (!wanted.area || termOf(vocabulary.areas, wanted.area) !== undefined)
}
