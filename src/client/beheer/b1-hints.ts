/** Sentences longer than this many words are hard to read at B1 level. */
export const MAX_SENTENCE_WORDS = 15
/** Words longer than this many letters are hard to read at B1 level. */
export const MAX_WORD_LETTERS = 15

export type B1Hint = { kind: 'long_sentence'; words: number; sentence: string } | { kind: 'long_word'; word: string }

/**
 * Plain-language (B1) hints for a text an official writes: sentences of more than
 * {@link MAX_SENTENCE_WORDS} words and words of more than {@link MAX_WORD_LETTERS} letters.
 * Hints, not errors: a long name of a law may be unavoidable. Each long word is named once.
 */
export function b1Hints(text: string): B1Hint[] {
  const hints: B1Hint[] = []
  // A sentence ends at . ! ? or a line break; "bijv." style abbreviations split too, which errs
  // on the side of fewer warnings.
  for (const raw of text.split(/[.!?]+(?:\s|$)|\n+/)) {
    const sentence = raw.trim()
    const words = sentence.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w))
    if (words.length > MAX_SENTENCE_WORDS) hints.push({ kind: 'long_sentence', words: words.length, sentence })
  }
  const seen = new Set<string>()
  for (const match of text.matchAll(/[\p{L}\p{M}'’-]+/gu)) {
    // Hyphenated words count per part: "zorg-en-welzijnsbeleid" reads as its parts.
    for (const part of match[0].split('-')) {
      const letters = part.replace(/[^\p{L}]/gu, '')
      if (letters.length > MAX_WORD_LETTERS && !seen.has(part.toLowerCase())) {
        seen.add(part.toLowerCase())
        hints.push({ kind: 'long_word', word: part })
      }
    }
  }
  return hints
}
