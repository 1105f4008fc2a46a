import type { Question } from '../schemas/question'

/** How many devices chose each option or scale value, per question id (value '' = answered). */
export type AnsweredTally = ReadonlyMap<string, ReadonlyMap<string, number>>

/**
 * Changes to a published item's questions that would break answers already given: removing an
 * answered question or option, changing a question's type, narrowing a scale past given values,
 * or adding a required question. Editing labels, adding options and optional questions is fine.
 */
export function breakingQuestionChanges(before: readonly Question[], after: readonly Question[], tally: AnsweredTally): string[] {
  const problems: string[] = []
  const afterById = new Map(after.map((q) => [q.id, q]))
  const beforeIds = new Set(before.map((q) => q.id))
  for (const old of before) {
    const counts = tally.get(old.id) ?? new Map<string, number>()
    const answered = (counts.get('') ?? 0) > 0
    const next = afterById.get(old.id)
    if (!next) {
      if (answered) problems.push(`question ${old.id} has answers and cannot be removed`)
      continue
    }
    if (next.type !== old.type) {
      if (answered) problems.push(`question ${old.id} has answers; its type cannot change`)
      continue
    }
    if (old.type === 'single' || old.type === 'multiple') {
      const kept = new Set((next.options ?? []).map((o) => o.id))
      for (const o of old.options ?? []) {
        if (!kept.has(o.id) && (counts.get(o.id) ?? 0) > 0) problems.push(`option ${o.id} of question ${old.id} was chosen and cannot be removed`)
      }
    }
    if (old.type === 'scale') {
      const min = next.min ?? 1
      const max = next.max ?? 5
      for (const [value, n] of counts) {
        if (value !== '' && n > 0 && (Number(value) < min || Number(value) > max)) {
          problems.push(`question ${old.id} has answers of ${value}, outside the new scale`)
        }
      }
    }
  }
  for (const q of after) {
    if (!beforeIds.has(q.id) && q.required) problems.push(`question ${q.id} is new and must be optional once answers are coming in`)
  }
  return problems
}
