import { rankingPlaces } from '../../../shared/question-types/ranking'
import { entryLabel, type ResidentQuestionType } from '../resident-question-type'
import AnswerRanking from './AnswerRanking.vue'
import RankingResult from './RankingResult.vue'

/** Put up to `max` options in order of preference. */
export const rankingType: ResidentQuestionType<'ranking'> = {
  answer: AnswerRanking,
  result: RankingResult,
  problemParams: (q) => ({ max: rankingPlaces(q) }),
  // Breakdown keys are "option:rank" (see the shared ranking module).
  breakdownLabel: (q, key, t) => {
    const at = key.lastIndexOf(':')
    return t('beheer.questionTypes.ranking.breakdownColumn', { option: entryLabel(q.options, key.slice(0, at)), place: key.slice(at + 1) })
  },
}
