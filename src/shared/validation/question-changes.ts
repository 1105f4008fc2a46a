import type { Tally } from '../question-types/base'
import { moduleOf } from '../question-types/registry'
import type { Question } from '../schemas/question'

/** How many devices chose each value key, per question id (value '' = answered). */
export type AnsweredTally = ReadonlyMap<string, Tally>

function sameCondition(a: Question['showIf'], b: Question['showIf']): boolean {
  if (!a || !b) return a === b
  return a.questionId === b.questionId && a.anyOf.length === b.anyOf.length && a.anyOf.every((id) => b.anyOf.includes(id))
}

/**
 * Changes to a published item's questions that would break answers already given: removing an
 * answered question, changing its type or its condition (who was asked), adding a required
 * question, and what each type's module refuses (removing a chosen option, narrowing a scale
 * past given values). Editing labels, adding options and optional questions is fine.
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
    if (answered && !sameCondition(old.showIf, next.showIf)) problems.push(`question ${old.id} has answers; its condition cannot change`)
    problems.push(...moduleOf(old).breakingChanges(old, next, counts))
  }
  for (const q of after) {
    if (!beforeIds.has(q.id) && q.required) problems.push(`question ${q.id} is new and must be optional once answers are coming in`)
  }
  return problems
}
