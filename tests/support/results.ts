import type { QuestionType } from '../../src/shared/question-types/base'
import type { QuestionResultOf, Results } from '../../src/shared/schemas/results'

/** The result of one question, checked to be of `type` (results are a union by type). */
export function questionResult<T extends QuestionType>(results: Results, questionId: string, type: T): QuestionResultOf<T> {
  const found = results.questions.find((q) => q.questionId === questionId)
  if (!found) throw new Error(`no result for question ${questionId}`)
  if (found.type !== type) throw new Error(`question ${questionId} is ${found.type}, not ${type}`)
  return found as QuestionResultOf<T>
}
