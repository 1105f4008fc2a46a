import type { QuestionType } from '../../shared/schemas/question'
import type { BuilderQuestionType } from './builder-question-type'
import MatrixSettings from './matrix/MatrixSettings.vue'
import MultipleSettings from './multiple/MultipleSettings.vue'
import RankingSettings from './ranking/RankingSettings.vue'
import ScaleSettings from './scale/ScaleSettings.vue'
import SingleSettings from './single/SingleSettings.vue'
import TextSettings from './text/TextSettings.vue'

/**
 * The back-office side of every question type. `satisfies` makes a type that is added to the
 * shared list but not here a compile error.
 */
export const BUILDER_QUESTION_TYPES = {
  single: { settings: SingleSettings },
  multiple: { settings: MultipleSettings },
  scale: { settings: ScaleSettings },
  text: { settings: TextSettings },
  ranking: { settings: RankingSettings },
  matrix: { settings: MatrixSettings },
} as const satisfies Record<QuestionType, BuilderQuestionType>

export function builderType(type: QuestionType): BuilderQuestionType {
  return BUILDER_QUESTION_TYPES[type]
}
