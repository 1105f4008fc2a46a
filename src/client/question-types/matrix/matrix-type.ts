import { scaleBounds } from '../../../shared/question-types/scale-range'
import type { ResidentQuestionType } from '../resident-question-type'
import { lazyComponent, preloadAll } from '../lazy-component'

// Rare on a poll's first screen: in files of their own.
const answerView = lazyComponent(() => import('./AnswerMatrix.vue'))
const resultView = lazyComponent(() => import('./MatrixResult.vue'))

/** Several statements on one scale, a value per statement. */
export const matrixType: ResidentQuestionType<'matrix'> = {
  answer: answerView.component,
  result: resultView.component,
  preload: () => preloadAll([answerView, resultView]),
  problemParams: (q) => ({ ...scaleBounds(q) }),
  problemMessages: { required: 'questionTypes.matrix.required' },
}
