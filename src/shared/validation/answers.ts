import { DEFAULT_TEXT_MAX, type AnswerValue, type Answers, type Question } from '../schemas/question'
import { isSafeText } from '../schemas/safe-text'

/**
 * Why one answer does not fit its question. `unsafe_text`: the text holds U+0000 or an unpaired
 * surrogate, which cannot be stored (see `safe-text.ts`); it is an answer problem, not a malformed
 * request, so only that submission is rejected.
 */
export type AnswerProblem = 'required' | 'unknown_question' | 'wrong_type' | 'unknown_option' | 'too_many' | 'out_of_range' | 'too_long' | 'unsafe_text'

export interface AnswerIssue {
  questionId: string
  problem: AnswerProblem
}

function isEmpty(value: AnswerValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function checkOne(question: Question, value: AnswerValue): AnswerProblem | null {
  const optionIds = new Set((question.options ?? []).map((o) => o.id))
  switch (question.type) {
    case 'single':
      if (typeof value !== 'string') return 'wrong_type'
      return optionIds.has(value) ? null : 'unknown_option'
    case 'multiple': {
      if (!Array.isArray(value)) return 'wrong_type'
      if (new Set(value).size !== value.length) return 'wrong_type'
      if (value.some((v) => !optionIds.has(v))) return 'unknown_option'
      return question.max !== undefined && value.length > question.max ? 'too_many' : null
    }
    case 'scale': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'wrong_type'
      const min = question.min ?? 1
      const max = question.max ?? 5
      return value < min || value > max ? 'out_of_range' : null
    }
    case 'text':
      if (typeof value !== 'string') return 'wrong_type'
      if (!isSafeText(value)) return 'unsafe_text'
      return value.length > (question.max ?? DEFAULT_TEXT_MAX) ? 'too_long' : null
  }
}

/**
 * Checks answers against an item's questions. The client runs it before saving, the server
 * before storing, so both reject the same things. Returns an empty list when all is well.
 */
export function findAnswerIssues(questions: readonly Question[], answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  const known = new Map(questions.map((q) => [q.id, q]))
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) issues.push({ questionId, problem: 'unknown_question' })
  }
  for (const question of questions) {
    const value = answers[question.id]
    if (isEmpty(value)) {
      if (question.required) issues.push({ questionId: question.id, problem: 'required' })
      continue
    }
    const problem = checkOne(question, value as AnswerValue)
    if (problem) issues.push({ questionId: question.id, problem })
  }
  return issues
}

/** Drops empty answers so that "not answered" is stored the same way everywhere. */
export function compactAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmpty(v)))
}
