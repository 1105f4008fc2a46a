// The keys `t()` accepts, read from the Dutch locale files: Dutch is the source language, so a
// text exists once it exists in Dutch, and a key that is not there fails typecheck instead of
// showing a raw key to a resident. The types cost nothing at runtime (the JSON is imported as a
// type); `isOneOf` is the one small function, for narrowing values that are only strings.
import type residentTexts from './locales/nl.json'
import type beheerTexts from './locales/beheer-nl.json'

/** A text of the resident app (locales/nl.json). */
export type ResidentMessageKey = keyof typeof residentTexts
/** A text of the back office (locales/beheer-nl.json), loaded with its first page. */
export type BeheerMessageKey = keyof typeof beheerTexts
/** Any text the app's one translator knows. */
export type MessageKey = ResidentMessageKey | BeheerMessageKey

/**
 * The codes whose texts live under `prefix`: `KeysUnder<'beheer.edit.error.'>` is
 * 'required' | 'tooLong' | …. Typing a code as this makes returning a code without a text a
 * type error where the code is made, not where it is shown.
 */
export type KeysUnder<P extends string> = MessageKey extends infer K ? (K extends `${P}${infer Code}` ? Code : never) : never

/**
 * Narrows a value known only as a string (a zod issue path, a stored band) to one of a known
 * list, so `t(\`prefix.${value}\`)` is checked against the list's union instead of needing a cast.
 */
export function isOneOf<T extends string>(known: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (known as readonly string[]).includes(value)
}
