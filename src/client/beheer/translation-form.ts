import type { ContentLanguage, FeedbackTranslations, ItemTranslations } from '../../shared/schemas/content-language'
import type { Question, QuestionFields } from '../../shared/schemas/question'
import type { Translate } from '../i18n'
import type { KeysUnder } from '../message-keys'
import { languageName } from './language-names'

/**
 * The texts of an item (or a feedback entry) that can be translated, one field per Dutch text,
 * addressed by the same paths `missingTranslations()` returns (`title`, `questions.q1.label`,
 * `questions.q1.options.ja`, `assignment.question`), so the editor marks exactly what the list
 * counts as missing. Translations are kept as the API has them; empty fields are left out.
 */

/** Which label a field gets, under `beheer.translations.field.`. */
export type TranslationFieldKind = KeysUnder<'beheer.translations.field.'>

export interface TranslationField {
  path: string
  kind: TranslationFieldKind
  /** The Dutch text it translates. */
  dutch: string
  /** Question number (1-based), for question fields. */
  n?: number
  multiline: boolean
  maxlength: number
}

export interface TranslationGroup {
  /** 'item', 'assignment' or the question's id. */
  key: string
  /** Question number for a question's group. */
  n?: number
  fields: TranslationField[]
}

/** What of the Dutch item the editor translates: the form's texts and the stored assignment. */
export interface TranslatableSource {
  title: string
  summary: string
  body: string
  questions: readonly Question[]
  assignment?: { question: string; form?: string | undefined } | undefined
}

const field = (path: string, kind: TranslationFieldKind, dutch: string, maxlength: number, extra: Partial<TranslationField> = {}): TranslationField => ({ path, kind, dutch, maxlength, multiline: false, ...extra })

/** The fields of an item, grouped: its own texts, each question, a table's assignment. */
export function itemTranslationGroups(source: TranslatableSource): TranslationGroup[] {
  const own = [field('title', 'title', source.title, 140), field('summary', 'summary', source.summary, 400, { multiline: true })]
  if (source.body.trim()) own.push(field('body', 'body', source.body, 10_000, { multiline: true }))
  const groups: TranslationGroup[] = [{ key: 'item', fields: own }]
  source.questions.forEach((question, index) => {
    const q: QuestionFields = question
    const n = index + 1
    const at = `questions.${q.id}`
    const fields = [field(`${at}.label`, 'question', q.label, 300, { n })]
    if (q.minLabel) fields.push(field(`${at}.minLabel`, 'minLabel', q.minLabel, 80, { n }))
    if (q.maxLabel) fields.push(field(`${at}.maxLabel`, 'maxLabel', q.maxLabel, 80, { n }))
    for (const o of q.options ?? []) fields.push(field(`${at}.options.${o.id}`, 'option', o.label, 200, { n }))
    for (const r of q.rows ?? []) fields.push(field(`${at}.rows.${r.id}`, 'row', r.label, 200, { n }))
    groups.push({ key: q.id, n, fields })
  })
  const a = source.assignment
  if (a) {
    const fields = [field('assignment.question', 'assignmentQuestion', a.question, 1000, { multiline: true })]
    if (a.form?.trim()) fields.push(field('assignment.form', 'assignmentForm', a.form, 1000, { multiline: true }))
    groups.push({ key: 'assignment', fields })
  }
  return groups
}

/** The fields of a feedback entry: its summary, and its explanation and reason when written. */
export function feedbackTranslationFields(source: { summary: string; body: string; reason: string }): TranslationField[] {
  const fields = [field('summary', 'summary', source.summary, 2000, { multiline: true })]
  if (source.body.trim()) fields.push(field('body', 'body', source.body, 20_000, { multiline: true }))
  if (source.reason.trim()) fields.push(field('reason', 'reason', source.reason, 2000, { multiline: true }))
  return fields
}

type Tree = { [key: string]: string | Tree | undefined }

/** A plain copy: translations are JSON, and may arrive as Vue proxies, which structuredClone refuses. */
export function copyTranslations<T extends ItemTranslations | FeedbackTranslations>(translations: T | undefined): T {
  return JSON.parse(JSON.stringify(translations ?? {})) as T
}

/** The translated text at `path` in `lang`, or ''. */
export function translationAt(translations: ItemTranslations | FeedbackTranslations | undefined, lang: ContentLanguage, path: string): string {
  let node: unknown = translations?.[lang]
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Tree)[part] : undefined
  return typeof node === 'string' ? node : ''
}

/** Leaves out empty texts and the objects they leave empty: an empty field means "shows in Dutch". */
function pruned(node: Tree): Tree | undefined {
  const out: Tree = {}
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') {
      if (value.trim() !== '') out[key] = value
    } else if (value) {
      const child = pruned(value)
      if (child) out[key] = child
    }
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** The translations with the text at `path` in `lang` set (or removed when empty). */
export function withTranslation<T extends ItemTranslations | FeedbackTranslations>(translations: T | undefined, lang: ContentLanguage, path: string, text: string): T {
  const copy = copyTranslations(translations) as Tree
  let node = (copy[lang] ??= {}) as Tree
  const parts = path.split('.')
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree
  node[parts.at(-1)!] = text
  return (pruned(copy) ?? {}) as T
}

/** Translations as sent: without empty texts. */
export function cleanTranslations<T extends ItemTranslations | FeedbackTranslations>(translations: T): T {
  return (pruned(copyTranslations(translations) as Tree) ?? {}) as T
}

/** A problem with a translation field, named by its text under `beheer.translations.error.`. */
export type TranslationError = KeysUnder<'beheer.translations.error.'>

/** Which text explains a translation the shared schema refused, by the code. */
export function translationErrorOf(code: string): TranslationError {
  return code === 'too_small' ? 'tooShort' : code === 'too_big' ? 'tooLong' : 'invalid'
}

/** The element id of a translation field, for labels and the error summary's links. */
export function translationFieldId(lang: string, path: string): string {
  return `tr-${lang}-${path.replaceAll('.', '-')}`
}

/** A field's label: which Dutch text it translates, into which language. */
export function translationFieldLabel(t: Translate, field: TranslationField, lang: ContentLanguage): string {
  return t(`beheer.translations.field.${field.kind}`, { language: languageName(t, lang), n: field.n ?? 0, dutch: field.dutch })
}

/** How far a translation is, e.g. "Arabisch: 2 teksten ontbreken" or "Arabisch: compleet". */
export function translationStatus(t: Translate, lang: ContentLanguage, missing: number): string {
  return t('beheer.translations.status', { language: languageName(t, lang), status: missing === 0 ? t('beheer.translations.complete') : t('beheer.translations.missingCount', { count: missing }) })
}
