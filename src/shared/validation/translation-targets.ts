import type { ItemTranslations } from '../schemas/content-language'
import type { Question, QuestionFields } from '../schemas/question'

/** A translation text that points at something the Dutch item does not have. */
export interface TranslationTargetProblem {
  /** Where in the draft, e.g. `['translations', 'ar', 'questions', 'q9']`. */
  path: (string | number)[]
  message: string
}

/** A scale's (or matrix's) end labels: translated only where the Dutch question names that end. */
const END_LABELS = ['minLabel', 'maxLabel'] as const

/**
 * Translations that translate nothing: a question, option or row id the Dutch questions do not
 * have, or an end label (`minLabel`, `maxLabel`) of a question whose Dutch names no such end. A
 * translation only ever replaces a Dutch text, so such an entry would be stored and never shown;
 * refusing it (with the path) tells the official the Dutch changed under their translation.
 * Used by `ItemDraftSchema`, so the back-office form and the server refuse the same things.
 */
export function translationTargetProblems(questions: readonly Question[], translations: ItemTranslations | undefined): TranslationTargetProblem[] {
  const problems: TranslationTargetProblem[] = []
  const byId = new Map<string, QuestionFields>(questions.map((q) => [q.id, q]))
  for (const [lang, translation] of Object.entries(translations ?? {})) {
    for (const [qid, qt] of Object.entries(translation?.questions ?? {})) {
      const at = ['translations', lang, 'questions', qid]
      const question = byId.get(qid)
      if (!question) {
        problems.push({ path: at, message: `question ${qid} is not a question of the item` })
        continue
      }
      for (const end of END_LABELS) {
        if (qt[end] && !question[end]) problems.push({ path: [...at, end], message: `question ${qid} has no ${end} in Dutch` })
      }
      const optionIds = new Set((question.options ?? []).map((o) => o.id))
      for (const optionId of Object.keys(qt.options ?? {})) {
        if (!optionIds.has(optionId)) problems.push({ path: [...at, 'options', optionId], message: `option ${optionId} is not an option of question ${qid}` })
      }
      const rowIds = new Set((question.rows ?? []).map((r) => r.id))
      for (const rowId of Object.keys(qt.rows ?? {})) {
        if (!rowIds.has(rowId)) problems.push({ path: [...at, 'rows', rowId], message: `row ${rowId} is not a row of question ${qid}` })
      }
    }
  }
  return problems
}

/**
 * The translations without entries for questions, options, rows and end labels the Dutch no
 * longer has: when an official deletes a question or empties a Dutch end label, its translations
 * go with it (the form sends this, so saving is not refused for a text the official cannot see).
 */
export function withoutStaleTargets(questions: readonly Question[], translations: ItemTranslations): ItemTranslations {
  const byId = new Map<string, QuestionFields>(questions.map((q) => [q.id, q]))
  const keep = (record: Record<string, string> | undefined, ids: Set<string>) => (record ? Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id))) : undefined)
  const result: ItemTranslations = {}
  for (const [lang, translation] of Object.entries(translations) as [keyof ItemTranslations, NonNullable<ItemTranslations[keyof ItemTranslations]>][]) {
    if (!translation) continue
    const questionsT = Object.fromEntries(
      Object.entries(translation.questions ?? {})
        .filter(([qid]) => byId.has(qid))
        .map(([qid, qt]) => {
          const q = byId.get(qid)!
          const options = keep(qt.options, new Set((q.options ?? []).map((o) => o.id)))
          const rows = keep(qt.rows, new Set((q.rows ?? []).map((r) => r.id)))
          const kept = { ...qt, ...(options ? { options } : {}), ...(rows ? { rows } : {}) }
          for (const end of END_LABELS) if (!q[end]) delete kept[end]
          return [qid, kept]
        }),
    )
    result[lang] = { ...translation, ...(translation.questions ? { questions: questionsT } : {}) }
  }
  return result
}
