import { DEFAULT_TEXT_MAX, type QuestionFields } from '../../../shared/schemas/question'
import type { AnswerProblem } from '../../../shared/validation/answers'
import type { I18n } from '../../i18n'

/** Puts a validation problem in plain words, with the numbers the resident needs to fix it. */
export function issueMessage(t: I18n['t'], question: QuestionFields | undefined, problem: AnswerProblem): string {
  switch (problem) {
    case 'too_many':
      return t('problem.too_many', { max: question?.max ?? 0 })
    case 'out_of_range':
      return t('problem.out_of_range', { min: question?.min ?? 1, max: question?.max ?? 5 })
    case 'too_long':
      return t('problem.too_long', { max: question?.max ?? DEFAULT_TEXT_MAX })
    default:
      return t(`problem.${problem}`)
  }
}
