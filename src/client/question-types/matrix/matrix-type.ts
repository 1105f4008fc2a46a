import { scaleBounds } from '../../../shared/question-types/scale-range'
import { entryLabel, type ResidentQuestionType } from '../resident-question-type'
import AnswerMatrix from './AnswerMatrix.vue'
import MatrixResult from './MatrixResult.vue'

/** Several statements on one scale, a value per statement. */
export const matrixType: ResidentQuestionType<'matrix'> = {
  answer: AnswerMatrix,
  result: MatrixResult,
  problemParams: (q) => ({ ...scaleBounds(q) }),
  problemMessages: { required: 'questionTypes.matrix.required' },
  // Breakdown keys are "row:value" (see the shared matrix module).
  breakdownLabel: (q, key, t) => {
    const at = key.lastIndexOf(':')
    return t('beheer.questionTypes.matrix.breakdownColumn', { statement: entryLabel(q.rows, key.slice(0, at)), value: key.slice(at + 1) })
  },
}
