import { newQuestionOfType } from '../../shared/question-types/registry'
import type { Question, QuestionFields, QuestionType } from '../../shared/schemas/question'

/** The next free short id with this prefix: q1, q2... Ids stay stable once answers exist. */
export function nextId(prefix: string, used: readonly string[]): string {
  let n = used.length + 1
  while (used.includes(`${prefix}${n}`)) n += 1
  return `${prefix}${n}`
}

/** A question of this type with the fields its type uses, and nothing else. */
export function newQuestion(type: QuestionType, existing: readonly Question[]): Question {
  const id = nextId('q', existing.map((q) => q.id))
  return newQuestionOfType(type, { id, label: '', required: false })
}

/**
 * The question with another type: keeps id, label and required, drops fields the new type does
 * not use (a scale's `max` must not turn into a multiple choice's `max`).
 */
export function changeType(q: QuestionFields, type: QuestionType): Question {
  return newQuestionOfType(type, { id: q.id, label: q.label, required: q.required }, q as Question)
}

export function addOption(q: QuestionFields): QuestionFields {
  const options = q.options ?? []
  return { ...q, options: [...options, { id: nextId('o', options.map((o) => o.id)), label: '' }] }
}

/** A copy of the list with the entry at `index` moved by `delta` places (clamped). */
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta))
  const copy = [...list]
  const [entry] = copy.splice(index, 1)
  if (entry !== undefined) copy.splice(target, 0, entry)
  return copy
}
