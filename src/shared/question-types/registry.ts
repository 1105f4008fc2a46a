import { z } from 'zod'
import { QUESTION_TYPES, type AnswerProblem, type BaseQuestion, type ExportColumn, type Option, type QuestionBasics, type QuestionType, type QuestionTypeModule, type Tally } from './base'
import { matrixType } from './matrix'
import { multipleType } from './multiple'
import { rankingType } from './ranking'
import { scaleType } from './scale'
import { singleType } from './single'
import { textType } from './text'

/** What the registry must hold: for every type in `QUESTION_TYPES`, a module of that type. */
export type QuestionTypeModuleTable = { [T in QuestionType]: QuestionTypeModule<BaseQuestion & { type: T }, unknown, { questionId: string; type: T; answered: number }> }

/**
 * Every question type module, keyed by type. The `satisfies` clause is what makes a new type
 * in `QUESTION_TYPES` a compile error until its module is listed here, and each module's `type`
 * must match its key.
 */
export const QUESTION_TYPE_MODULES = {
  single: singleType,
  multiple: multipleType,
  scale: scaleType,
  text: textType,
  ranking: rankingType,
  matrix: matrixType,
} as const satisfies QuestionTypeModuleTable

type Modules = typeof QUESTION_TYPE_MODULES
type SchemaOf<T extends QuestionType> = Modules[T]['schema']
type ResultSchemaOf<T extends QuestionType> = Modules[T]['resultSchema']

/** A question of type `T`. */
export type QuestionOf<T extends QuestionType> = z.infer<SchemaOf<T>>
/** Any question: the union over all types, discriminated by `type`. */
export type Question = { [T in QuestionType]: QuestionOf<T> }[QuestionType]
type KeysOfUnion<T> = T extends unknown ? keyof T : never
type ValueInUnion<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never

/**
 * Every field any question type has, all but the common ones optional: a view for code that
 * reads or edits questions of any type field by field (the back office's builder). Every
 * `Question` fits it; the other way round takes the Question schema or a module's `create`.
 */
export type QuestionFields = BaseQuestion & { [K in Exclude<KeysOfUnion<Question>, keyof BaseQuestion>]?: ValueInUnion<Question, K> }

/** A well-formed answer value of a question of type `T`. */
export type AnswerOf<T extends QuestionType> = z.infer<Modules[T]['answerSchema']>
/** The public result of a question of type `T`. */
export type QuestionResultOf<T extends QuestionType> = z.infer<ResultSchemaOf<T>>
export type QuestionResult = { [T in QuestionType]: QuestionResultOf<T> }[QuestionType]

const moduleList = QUESTION_TYPES.map((type) => QUESTION_TYPE_MODULES[type])

/** Any question, checked by the schema its type's module gives. */
export const QuestionSchema = z
  .discriminatedUnion('type', moduleList.map((m) => m.schema) as unknown as [z.ZodObject, ...z.ZodObject[]])
  .meta({ id: 'Question' }) as unknown as z.ZodType<Question, Question>

/** Any question's public result, by its type's module. */
export const QuestionResultSchema = z.discriminatedUnion('type', moduleList.map((m) => m.resultSchema) as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<
  QuestionResult,
  QuestionResult
>

/**
 * A single answer value as it comes over the wire: the union of the loose shapes the modules
 * use (each shape once). Which shape fits a question is decided per submission.
 */
export const AnswerValueSchema = z.union([...new Set(moduleList.map((m) => m.wireSchema))] as unknown as [z.ZodType, ...z.ZodType[]]) as unknown as z.ZodType<AnswerValue, AnswerValue>
export type AnswerValue = string | string[] | number | Record<string, number>

/**
 * The module of a question, typed for code that handles any question. TypeScript cannot tie a
 * union member to its module by itself; this one cast does, and only here.
 */
export interface AnyQuestionTypeModule {
  type: QuestionType
  schema: z.ZodType
  answerSchema: z.ZodType
  create(basics: QuestionBasics, previous?: BaseQuestion & { options?: Option[] | undefined }): Question
  problems(question: Question): string[]
  answerProblem(question: Question, value: unknown): AnswerProblem | null
  conditionOptions?: (question: Question) => readonly Option[]
  chosenOptions?: (question: Question, value: unknown) => readonly string[]
  tallyKeys(question: Question, value: unknown): string[]
  result(question: Question, tally: Tally): QuestionResult
  breakdownKeys(question: Question): string[] | null
  freeText: boolean
  breakingChanges(before: Question, after: Question, tally: Tally): string[]
  exportColumns(question: Question): ExportColumn<unknown>[]
}

export function questionTypeModule(type: QuestionType): AnyQuestionTypeModule {
  return QUESTION_TYPE_MODULES[type] as unknown as AnyQuestionTypeModule
}

/** The module of this question. */
export function moduleOf(question: Pick<Question, 'type'>): AnyQuestionTypeModule {
  return questionTypeModule(question.type)
}

/** The answer value if it is well formed for this question's type, else undefined. */
export function wellFormedAnswer(question: Question, value: unknown): { value: unknown } | undefined {
  const parsed = moduleOf(question).answerSchema.safeParse(value)
  return parsed.success ? { value: parsed.data } : undefined
}

/** A new question of `type` from the basics (and the question it replaces), with the type's defaults. */
export function newQuestionOfType(type: QuestionType, basics: QuestionBasics, previous?: Question): Question {
  return questionTypeModule(type).create(basics, previous as (BaseQuestion & { options?: Option[] }) | undefined)
}

/** The options a `showIf` may refer to on this question, or undefined when it cannot be referred to. */
export function conditionOptionsOf(question: Question): readonly Option[] | undefined {
  return moduleOf(question).conditionOptions?.(question)
}

/** The CSV columns of a question in the export. */
export function exportColumnsOf(question: Question): ExportColumn<unknown>[] {
  return moduleOf(question).exportColumns(question)
}

/**
 * The tally value keys of one answer (besides '' for answered). An answer that is not well
 * formed for the question (stored before a change of rules) adds none.
 */
export function tallyKeysOf(question: Question, value: unknown): string[] {
  const answer = wellFormedAnswer(question, value)
  return answer ? moduleOf(question).tallyKeys(question, answer.value) : []
}

export function resultOf(question: Question, tally: Tally): QuestionResult {
  return moduleOf(question).result(question, tally)
}

export function breakdownKeysOf(question: Question): string[] | null {
  return moduleOf(question).breakdownKeys(question)
}

export function isFreeText(question: Question): boolean {
  return moduleOf(question).freeText
}

export { QUESTION_TYPES }
