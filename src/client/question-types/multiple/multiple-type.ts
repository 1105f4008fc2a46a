import OptionResults from '../../components/results/OptionResults.vue'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerMultiple from './AnswerMultiple.vue'

/** Pick one or more options, at most `max`. */
export const multipleType: ResidentQuestionType<'multiple'> = {
  answer: AnswerMultiple,
  result: OptionResults,
  problemParams: (q) => ({ max: q.max ?? q.options.length }),
}
