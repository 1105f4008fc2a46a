import { textMax } from '../../../shared/question-types/text'
import type { ResidentQuestionType } from '../resident-question-type'
import { lazyComponent, preloadAll } from '../lazy-component'

// Rare on a poll's first screen: in files of their own.
const answerView = lazyComponent(() => import('./AnswerText.vue'))
const resultView = lazyComponent(() => import('./TextResult.vue'))

/** Free text; read and moderated by officials, never counted per group. */
export const textType: ResidentQuestionType<'text'> = {
  answer: answerView.component,
  result: resultView.component,
  preload: () => preloadAll([answerView, resultView]),
  problemParams: (q) => ({ max: textMax(q) }),
}
