import type { Component } from 'vue'
import type { QuestionOf } from '../../shared/question-types/registry'
import type { QuestionType } from '../../shared/schemas/question'
import type { Translate } from '../i18n'
import type { BeheerMessageKey } from '../message-keys'

/**
 * What the back office needs to know about one question type: the form for the type's own
 * settings, and how its breakdown columns are named. Which fields a new question gets is the
 * shared module's `create`. Listed in `builder-registry.ts`, apart from the residents' registry,
 * so the residents' app never loads builder code or back-office texts.
 */
export interface BuilderQuestionType<T extends QuestionType = QuestionType> {
  /** Props `question` (of this type); emits `update` with the changed question. */
  settings: Component
  /** The column header of one breakdown key (a key of the shared module's `breakdownKeys`). */
  breakdownLabel(question: QuestionOf<T>, key: string, t: Translate<BeheerMessageKey>): string
}
