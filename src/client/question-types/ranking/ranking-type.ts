import { rankingPlaces } from '../../../shared/question-types/ranking'
import type { ResidentQuestionType } from '../resident-question-type'
import { lazyComponent, preloadAll } from '../lazy-component'

// Rare on a poll's first screen: in files of their own.
const answerView = lazyComponent(() => import('./AnswerRanking.vue'))
const resultView = lazyComponent(() => import('./RankingResult.vue'))

/** Put up to `max` options in order of preference. */
export const rankingType: ResidentQuestionType<'ranking'> = {
  answer: answerView.component,
  result: resultView.component,
  preload: () => preloadAll([answerView, resultView]),
  problemParams: (q) => ({ max: rankingPlaces(q) }),
}
