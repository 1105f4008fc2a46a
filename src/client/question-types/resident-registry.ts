import type { Question } from '../../shared/question-types/registry'
import type { QuestionType } from '../../shared/schemas/question'
import type { Params } from '../i18n'
import { matrixType } from './matrix/matrix-type'
import { multipleType } from './multiple/multiple-type'
import { rankingType } from './ranking/ranking-type'
import type { ResidentQuestionType } from './resident-question-type'
import { scaleType } from './scale/scale-type'
import { singleType } from './single/single-type'
import { textType } from './text/text-type'

/**
 * The residents' side of every question type: answer input, result view, message numbers.
 * `satisfies` makes a type that is added to the shared list but not here a compile error.
 */
export const RESIDENT_QUESTION_TYPES = {
  single: singleType,
  multiple: multipleType,
  scale: scaleType,
  text: textType,
  ranking: rankingType,
  matrix: matrixType,
} as const satisfies { [T in QuestionType]: ResidentQuestionType<T> }

/**
 * The client module of a type, for code that handles any question. TypeScript cannot tie a
 * union member to its module by itself; this one cast does, and only here.
 */
export function residentType(type: QuestionType): ResidentQuestionType<QuestionType> {
  return RESIDENT_QUESTION_TYPES[type] as unknown as ResidentQuestionType<QuestionType>
}

/** The numbers the validation messages of this question need. */
export function problemParamsOf(question: Question): Params {
  return residentType(question.type).problemParams(question)
}

