import type { Question } from '../../../shared/question-types/registry'
import type { AnswerProblem } from '../../../shared/validation/answers'
import type { I18n } from '../../i18n'
import { problemParamsOf, residentType } from '../../question-types/resident-registry'

/**
 * Puts a validation problem in plain words, with the numbers the resident needs to fix it
 * (each question type says which: "at most {max}", "from {min} to {max}").
 */
export function issueMessage(t: I18n['t'], question: Question | undefined, problem: AnswerProblem): string {
  const params = question ? problemParamsOf(question) : {}
  // Answering a question that is not asked cannot happen in the form (hidden answers are
  // cleared); the words are there for completeness, in the question types' own section.
  if (problem === 'not_asked') return t('questionTypes.problem.notAsked')
  const own = question ? residentType(question.type).problemMessages?.[problem] : undefined
  return t(own ?? `problem.${problem}`, params)
}
