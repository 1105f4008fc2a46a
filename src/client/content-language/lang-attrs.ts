import { textDirection } from '../../shared/rules/content-language-names'

/**
 * The `lang` and `dir` of one text, to bind on the element that holds it (`v-bind="langAttrs(x)"`).
 * `dir` is always set, not only where it differs from the page: the widget is framed in pages
 * whose direction we do not know, and a Dutch fallback inside an Arabic block must turn back
 * to left-to-right.
 */
export function langAttrs(text: { lang: string }): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: text.lang, dir: textDirection(text.lang) }
}

/** The direction of a block whose main text is `text`: the layout of its cards and buttons follows it. */
export function blockDir(text: { lang: string } | undefined): 'ltr' | 'rtl' {
  return text ? textDirection(text.lang) : 'ltr'
}
