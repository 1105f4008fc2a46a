import { textMax } from '../../../shared/question-types/text'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerText from './AnswerText.vue'
import TextResult from './TextResult.vue'

/** Free text; read and moderated by officials, never counted per group. */
export const textType: ResidentQuestionType<'text'> = {
  answer: AnswerText,
  result: TextResult,
  problemParams: (q) => ({ max: textMax(q) }),
}
