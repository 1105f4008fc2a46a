import { z } from 'zod'
import { LocalIdSchema } from '../question-types/base'
import { AnswerValueSchema } from '../question-types/registry'

/**
 * Questions of an item. Each type is a module in `src/shared/question-types`; this file keeps
 * the names the rest of the code has always imported.
 */
export { LocalIdSchema, OptionSchema, QUESTION_TYPES, ShowIfSchema, type Option, type QuestionType, type ShowIf } from '../question-types/base'
export { AnswerValueSchema, QuestionSchema, type AnswerValue, type Question, type QuestionFields, type QuestionOf } from '../question-types/registry'
export { DEFAULT_TEXT_MAX } from '../question-types/text'
export { DEFAULT_SCALE } from '../question-types/scale-range'

/** Answers keyed by question id. */
export const AnswersSchema = z.record(LocalIdSchema, AnswerValueSchema)
export type Answers = z.infer<typeof AnswersSchema>
