import { scaleBounds } from '../../../shared/question-types/scale-range'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerScale from './AnswerScale.vue'
import ScaleResult from './ScaleResult.vue'

/** A whole number from `min` to `max`. */
export const scaleType: ResidentQuestionType<'scale'> = {
  answer: AnswerScale,
  result: ScaleResult,
  problemParams: (q) => ({ ...scaleBounds(q) }),
  // The narrow breakdown columns show the plain numbers; the chart names the ends.
}
