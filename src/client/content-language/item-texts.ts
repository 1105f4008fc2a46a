import { computed, inject, provide, readonly, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { TextLanguage } from '../../shared/rules/content-language-names'
import { localizeQuestion, type LocalizedItem, type LocalizedQuestion } from '../../shared/rules/item-language'
import type { Question } from '../../shared/schemas/question'

/**
 * The localised texts of the item being shown, handed down to the question inputs so each type's
 * component needs no new props: a page (or the widget) provides them once, every input below
 * reads its own question's labels. Outside such a page (a preview) the Dutch texts are used.
 */
const ITEM_TEXTS: InjectionKey<Ref<LocalizedItem | undefined>> = Symbol('item texts')

export function provideItemTexts(texts: Ref<LocalizedItem | undefined>): void {
  provide(ITEM_TEXTS, texts)
}

/** The texts of one question in the resident's language where translated, Dutch otherwise, with their `lang`. */
export function useQuestionTexts(question: () => Question): ComputedRef<LocalizedQuestion> {
  const texts = inject(ITEM_TEXTS, undefined)
  return computed(() => {
    const q = question()
    return texts?.value?.questions[q.id] ?? localizeQuestion(q, undefined, null)
  })
}

/** Every question's texts, for lists that name several questions (the error summary, "a question appeared"). */
export function useAllQuestionTexts(): (question: Question) => LocalizedQuestion {
  const texts = inject(ITEM_TEXTS, undefined)
  return (q) => texts?.value?.questions[q.id] ?? localizeQuestion(q, undefined, null)
}

/**
 * `question` with the end labels it is shown with (translated where they are), for the helpers
 * that read them off the question (`scaleKeys`, `endLabelsAt`).
 */
export function withShownEndLabels<Q extends { minLabel?: string; maxLabel?: string }>(question: Q, texts: LocalizedQuestion): Q {
  return { ...question, minLabel: texts.minLabel?.text, maxLabel: texts.maxLabel?.text }
}

/** The whole item's localised texts, where a part of the page shows more than questions (a table's assignment). */
export function useItemTexts(): Ref<LocalizedItem | undefined> | undefined {
  return inject(ITEM_TEXTS, undefined)
}

const CONTENT_LANGUAGE: InjectionKey<Readonly<Ref<TextLanguage>>> = Symbol('content language')

/** The page's content language for the lists below it (feedback entries), so each needs no profile query of its own. */
export function provideContentLanguage(lang: Readonly<Ref<TextLanguage>>): void {
  provide(CONTENT_LANGUAGE, lang)
}

const DUTCH: Readonly<Ref<TextLanguage>> = readonly(ref<TextLanguage>('nl'))

/** The content language a page provided; Dutch where none did. */
export function useProvidedContentLanguage(): Readonly<Ref<TextLanguage>> {
  return inject(CONTENT_LANGUAGE, DUTCH)
}
