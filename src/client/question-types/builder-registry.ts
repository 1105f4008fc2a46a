import type { Question } from '../../shared/question-types/registry'
import type { QuestionType } from '../../shared/schemas/question'
import type { Translate } from '../i18n'
import type { BeheerMessageKey } from '../message-keys'
import type { BuilderQuestionType } from './builder-question-type'
import MatrixSettings from './matrix/MatrixSettings.vue'
import MultipleSettings from './multiple/MultipleSettings.vue'
import RankingSettings from './ranking/RankingSettings.vue'
import { entryLabel } from './resident-question-type'
import ScaleSettings from './scale/ScaleSettings.vue'
import SingleSettings from './single/SingleSettings.vue'
import TextSettings from './text/TextSettings.vue'

/** Breakdown keys of ranking and matrix are "entry:value" (see their shared modules). */
function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf(':')
  return [key.slice(0, at), key.slice(at + 1)]
}

/**
 * The back-office side of every question type. `satisfies` makes a type that is added to the
 * shared list but not here a compile error.
 */
export const BUILDER_QUESTION_TYPES = {
  single: { settings: SingleSettings, breakdownLabel: (q, key) => entryLabel(q.options, key) },
  multiple: { settings: MultipleSettings, breakdownLabel: (q, key) => entryLabel(q.options, key) },
  scale: { settings: ScaleSettings, breakdownLabel: (_q, key) => key },
  text: { settings: TextSettings, breakdownLabel: (_q, key) => key },
  ranking: {
    settings: RankingSettings,
    breakdownLabel: (q, key, t) => {
      const [option, place] = splitKey(key)
      return t('beheer.questionTypes.ranking.breakdownColumn', { option: entryLabel(q.options, option), place })
    },
  },
  matrix: {
    settings: MatrixSettings,
    breakdownLabel: (q, key, t) => {
      const [row, value] = splitKey(key)
      return t('beheer.questionTypes.matrix.breakdownColumn', { statement: entryLabel(q.rows, row), value })
    },
  },
} as const satisfies { [T in QuestionType]: BuilderQuestionType<T> }

export function builderType(type: QuestionType): BuilderQuestionType {
  return BUILDER_QUESTION_TYPES[type] as unknown as BuilderQuestionType
}

/** The column header of a breakdown key of this question. */
export function breakdownLabelOf(question: Question, key: string, t: Translate<BeheerMessageKey>): string {
  return builderType(question.type).breakdownLabel(question, key, t)
}
