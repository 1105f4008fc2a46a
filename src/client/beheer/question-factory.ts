import { newQuestionOfType, type Question } from '../../shared/question-types/registry'
import type { QuestionType } from '../../shared/schemas/question'
import { nextId } from '../question-types/builder/list-edits'

export { move, nextId } from '../question-types/builder/list-edits'

/**
 * A question of this type with the fields its type uses, and nothing else. The defaults of
 * each type are its shared module's (`create` in src/shared/question-types).
 */
export function newQuestion(type: QuestionType, existing: readonly Question[]): Question {
  const id = nextId('q', existing.map((q) => q.id))
  return newQuestionOfType(type, { id, label: '', required: false })
}

/**
 * The question with another type: keeps id, label, required and its condition, and whatever
 * the new type's module keeps (options between choice types); drops fields the new type does
 * not use (a scale's `max` must not turn into a multiple choice's `max`).
 */
export function changeType(q: Question, type: QuestionType): Question {
  const basics = { id: q.id, label: q.label, required: q.required, ...(q.showIf ? { showIf: q.showIf } : {}) }
  return newQuestionOfType(type, basics, q)
}
