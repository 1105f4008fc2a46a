import type { AnswerProblem } from '../question-types/base'
import { isAsked } from '../question-types/conditions'
import { moduleOf, wellFormedAnswer } from '../question-types/registry'
import type { AnswerValue, Answers, Question } from '../schemas/question'

export type { AnswerProblem } from '../question-types/base'

export interface AnswerIssue {
  questionId: string
  problem: AnswerProblem
}

/** Whether a value means "not answered": absent, empty text, an empty list or an empty object. */
export function isEmptyAnswer(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

/** Why a non-empty answer does not fit its question: its shape first, then its type's own rules. */
function checkOne(question: Question, value: AnswerValue): AnswerProblem | null {
  const answer = wellFormedAnswer(question, value)
  if (!answer) return 'wrong_type'
  return moduleOf(question).answerProblem(question, answer.value)
}

/**
 * Checks answers against an item's questions. The client runs it before saving, the server
 * before storing, so both reject the same things. Returns an empty list when all is well.
 * A question whose condition (`showIf`) does not hold is not required, and answering it is
 * `not_asked`.
 */
export function findAnswerIssues(questions: readonly Question[], answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  const known = new Set(questions.map((q) => q.id))
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) issues.push({ questionId, problem: 'unknown_question' })
  }
  const given = compactAnswers(answers)
  for (const question of questions) {
    const value = given[question.id]
    if (!isAsked(question, questions, given)) {
      if (value !== undefined) issues.push({ questionId: question.id, problem: 'not_asked' })
      continue
    }
    if (value === undefined) {
      if (question.required) issues.push({ questionId: question.id, problem: 'required' })
      continue
    }
    const problem = checkOne(question, value)
    if (problem) issues.push({ questionId: question.id, problem })
  }
  return issues
}

/** Drops empty answers so that "not answered" is stored the same way everywhere. */
export function compactAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmptyAnswer(v)))
}
