import { rankingPlaces } from '../../../shared/question-types/ranking'
import type { ResidentQuestionType } from '../resident-question-type'
import AnswerRanking from './AnswerRanking.vue'
import RankingResult from './RankingResult.vue'

/** Put up to `max` options in order of preference. */
export const rankingType: ResidentQuestionType<'ranking'> = {
  answer: AnswerRanking,
  result: RankingResult,
  problemParams: (q) => ({ max: rankingPlaces(q) }),
}
