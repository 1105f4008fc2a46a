import type { ContentLanguage, ItemTranslation, QuestionTranslation, TextLanguage } from '../schemas/content-language'
import type { Feedback } from '../schemas/feedback'
import type { Item } from '../schemas/item'
import type { Question, QuestionFields } from '../schemas/question'

/**
 * Which language each text of an item is shown in. A resident reads their language where the
 * item has it and Dutch where it does not, text by text: a translated title above a Dutch body is
 * better than a Dutch page, and each text carries its own `lang` so a screen reader switches voice.
 */

/** A text and the language it is written in. */
export interface LangText {
  text: string
  lang: TextLanguage
}

/** The language a resident wants content in, when the item or municipality offers it. */
export function contentLanguageOf(wanted: string | null | undefined): ContentLanguage | null {
  if (!wanted || wanted === 'nl') return null
  return wanted as ContentLanguage
}

function pick(translated: string | undefined, dutch: string, lang: ContentLanguage | null): LangText {
  return translated && lang ? { text: translated, lang } : { text: dutch, lang: 'nl' }
}

/** The translation of an item into `lang`, or none (Dutch wanted, or no translation). */
export function translationOf(item: Pick<Item, 'translations'>, lang: ContentLanguage | null): ItemTranslation | undefined {
  return lang ? item.translations?.[lang] : undefined
}

export interface LocalizedQuestion {
  label: LangText
  minLabel?: LangText
  maxLabel?: LangText
  /** Option and row labels by id. */
  options: Record<string, LangText>
  rows: Record<string, LangText>
}

export function localizeQuestion(question: Question, t: QuestionTranslation | undefined, lang: ContentLanguage | null): LocalizedQuestion {
  const labels = (list: readonly { id: string; label: string }[] | undefined, translated: Record<string, string> | undefined) =>
    Object.fromEntries((list ?? []).map((o) => [o.id, pick(translated?.[o.id], o.label, lang)]))
  const q: QuestionFields = question
  return {
    label: pick(t?.label, q.label, lang),
    ...(q.minLabel ? { minLabel: pick(t?.minLabel, q.minLabel, lang) } : {}),
    ...(q.maxLabel ? { maxLabel: pick(t?.maxLabel, q.maxLabel, lang) } : {}),
    options: labels(q.options, t?.options),
    rows: labels(q.rows, t?.rows),
  }
}

export interface LocalizedItem {
  title: LangText
  summary: LangText
  body?: LangText
  /** By question id. */
  questions: Record<string, LocalizedQuestion>
  assignment?: { question: LangText; form?: LangText }
}

/** Every text of an item in `lang` where translated, Dutch otherwise. */
export function localizeItem(item: Item, wanted: string | null | undefined): LocalizedItem {
  const lang = contentLanguageOf(wanted)
  const t = translationOf(item, lang)
  const a = item.table?.assignment
  return {
    title: pick(t?.title, item.title, lang),
    summary: pick(t?.summary, item.summary, lang),
    ...(item.body ? { body: pick(t?.body, item.body, lang) } : {}),
    questions: Object.fromEntries(item.questions.map((q) => [q.id, localizeQuestion(q, t?.questions?.[q.id], lang)])),
    ...(a
      ? {
          assignment: {
            question: pick(t?.assignment?.question, a.question, lang),
            ...(a.form ? { form: pick(t?.assignment?.form, a.form, lang) } : {}),
          },
        }
      : {}),
  }
}

export interface LocalizedFeedback {
  summary: LangText
  body?: LangText
  reason?: LangText
}

export function localizeFeedback(entry: Feedback, wanted: string | null | undefined): LocalizedFeedback {
  const lang = contentLanguageOf(wanted)
  const t = lang ? entry.translations?.[lang] : undefined
  return {
    summary: pick(t?.summary, entry.summary, lang),
    ...(entry.body ? { body: pick(t?.body, entry.body, lang) } : {}),
    ...(entry.reason ? { reason: pick(t?.reason, entry.reason, lang) } : {}),
  }
}

/** What an item's Dutch has that can be translated, for counting what a translation lacks. */
type TranslatableItem = Pick<Item, 'title' | 'summary' | 'body' | 'questions' | 'translations'> & {
  table?: { assignment: { question: string; form?: string | undefined } } | undefined
}

/**
 * The texts of an item that `lang` does not have yet, as paths an editor can point at
 * (`title`, `questions.q1.label`, `questions.q1.options.ja`, `assignment.question`). Empty means
 * the translation is complete.
 */
export function missingTranslations(item: TranslatableItem, lang: ContentLanguage): string[] {
  const t = item.translations?.[lang]
  const missing: string[] = []
  const need = (has: string | undefined, path: string) => {
    if (!has?.trim()) missing.push(path)
  }
  need(t?.title, 'title')
  need(t?.summary, 'summary')
  if (item.body?.trim()) need(t?.body, 'body')
  for (const question of item.questions) {
    const q: QuestionFields = question
    const qt = t?.questions?.[q.id]
    const at = `questions.${q.id}`
    need(qt?.label, `${at}.label`)
    if (q.minLabel) need(qt?.minLabel, `${at}.minLabel`)
    if (q.maxLabel) need(qt?.maxLabel, `${at}.maxLabel`)
    for (const o of q.options ?? []) need(qt?.options?.[o.id], `${at}.options.${o.id}`)
    for (const r of q.rows ?? []) need(qt?.rows?.[r.id], `${at}.rows.${r.id}`)
  }
  const a = item.table?.assignment
  if (a) {
    need(t?.assignment?.question, 'assignment.question')
    if (a.form?.trim()) need(t?.assignment?.form, 'assignment.form')
  }
  return missing
}
