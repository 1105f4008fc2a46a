import { scaleBounds } from '../../../shared/question-types/scale-range'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerMatrix from './AnswerMatrix.vue'
import MatrixResult from './MatrixResult.vue'

/** Several statements on one scale, a value per statement. */
export const matrixType: ResidentQuestionType<'matrix'> = {
  answer: AnswerMatrix,
  result: MatrixResult,
  problemParams: (q) => ({ ...scaleBounds(q) }),
  problemMessages: { required: 'questionTypes.matrix.required' },
}
