import OptionResults from '../../components/results/OptionResults.vue'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerSingle from './AnswerSingle.vue'

/** Pick one option. */
export const singleType: ResidentQuestionType<'single'> = {
  answer: AnswerSingle,
  result: OptionResults,
  problemParams: () => ({}),
}
