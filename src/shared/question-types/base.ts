import { z } from 'zod'
import { safeString } from '../schemas/safe-text'

/**
 * The building blocks every question type module is made of, and the contract a module fills.
 * Kept apart from the registry so that the type modules can import it without a cycle.
 */

/**
 * Every question type, in the order the back office offers them. Adding one here makes the
 * compiler ask for its module in `registry.ts` (and for its client module on the client side).
 */
export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text', 'ranking', 'matrix'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** Ids of questions, options and matrix rows: short, stable, url-safe. */
export const LocalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected a short id')

export const OptionSchema = z.object({ id: LocalIdSchema, label: safeString().min(1).max(200) })
export type Option = z.infer<typeof OptionSchema>

/** The most options (or matrix rows) one question may have. */
export const MAX_OPTIONS = 30

export const OptionListSchema = z.array(OptionSchema).max(MAX_OPTIONS)

/**
 * Ask this question only when the answer to an earlier question with options is (or contains)
 * one of `anyOf`. Otherwise it is not required, and its answer must be absent.
 */
export const ShowIfSchema = z
  .object({ questionId: LocalIdSchema, anyOf: z.array(LocalIdSchema).min(1).max(MAX_OPTIONS) })
  .meta({ id: 'QuestionCondition' })
export type ShowIf = z.infer<typeof ShowIfSchema>

/** The fields every question has, whatever its type. */
export const baseQuestionFields = {
  id: LocalIdSchema,
  label: safeString().min(1).max(300),
  required: z.boolean(),
  showIf: ShowIfSchema.optional(),
}

/** A question schema of one type: the common fields, the type tag and the type's own fields. */
export function questionSchema<T extends QuestionType, F extends z.ZodRawShape>(type: T, fields: F) {
  const { id, label, required, showIf } = baseQuestionFields
  return z.object({ id, type: z.literal(type), label, required, ...fields, showIf })
}

/** What every question has; the type modules add their own fields. */
export interface BaseQuestion {
  id: string
  type: QuestionType
  label: string
  required: boolean
  showIf?: ShowIf | undefined
}

/** The id, label and required flag a new question starts from (the builder keeps them on a type change). */
export type QuestionBasics = Pick<BaseQuestion, 'id' | 'label' | 'required' | 'showIf'>

/**
 * Answer values as they come over the wire, before a question is known. Deliberately loose
 * (plain strings, not `safeString`): whether a value fits is decided per submission by the type
 * module, so one bad answer rejects its own submission (`invalid_answers`), not the batch.
 * Modules pick one of these; the union of the ones in use is `AnswerValueSchema`.
 */
export const WireText = z.string().max(5000)
export const WireIdList = z.array(z.string().max(40)).max(MAX_OPTIONS)
export const WireNumber = z.number().finite()
export const WireNumberRecord = z
  .record(z.string().max(40), z.number().finite())
  .refine((value) => Object.keys(value).length <= MAX_OPTIONS, { message: `at most ${MAX_OPTIONS} entries` })

/**
 * Why one answer does not fit its question. `unsafe_text`: the text holds U+0000 or an unpaired
 * surrogate, which cannot be stored (see `safe-text.ts`); it is an answer problem, not a malformed
 * request, so only that submission is rejected. `not_asked`: the question's condition (`showIf`)
 * does not hold for the other answers, so the question was never asked and must stay unanswered.
 */
export const ANSWER_PROBLEMS = [
  'required',
  'unknown_question',
  'wrong_type',
  'unknown_option',
  'too_many',
  'out_of_range',
  'too_long',
  'unsafe_text',
  'not_asked',
] as const
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number]

/**
 * How many devices gave each value key of one question (value key '' = answered the question).
 * The keys are the module's `tallyKeys`; the server keeps them as running counts.
 */
export type Tally = ReadonlyMap<string, number>

/** One CSV column of a question in the export: its header and the cell of one answer. */
export interface ExportColumn<V> {
  header: string
  cell(value: V | undefined): string
}

/** The public result of one question of this type: the common fields plus the type's own. */
export const baseResultFields = {
  questionId: LocalIdSchema,
  /** Devices that answered this question. */
  answered: z.number().int().nonnegative(),
}

export function resultSchema<T extends QuestionType, F extends z.ZodRawShape>(type: T, fields: F) {
  return z.object({ ...baseResultFields, type: z.literal(type), ...fields })
}

/** A count per key (an option id, a scale value): how many devices chose it. */
export const CountSchema = z.object({ key: z.string(), count: z.number().int().nonnegative() })
export type Count = z.infer<typeof CountSchema>

/**
 * Everything the system knows about one question type. Server and client code never branch on
 * `question.type`; they ask the module (through `registry.ts`).
 *
 * @typeParam Q the question of this type
 * @typeParam V its answer value
 * @typeParam R its public result
 */
export interface QuestionTypeModule<Q extends BaseQuestion, V, R extends { questionId: string; type: Q['type']; answered: number }> {
  type: Q['type']
  /** The question as officials write it and residents receive it. */
  schema: z.ZodType<Q>
  /** A well-formed answer value (before checking it against the question's options and bounds). */
  answerSchema: z.ZodType<V>
  /** Which of the loose wire shapes (`Wire*` above) carries this type's answers. */
  wireSchema: z.ZodType
  /** The public result of one question of this type. */
  resultSchema: z.ZodType<R>
  /**
   * A new question of this type from the basics, with this type's defaults. `previous` is the
   * question it replaces when an official changes the type: fields that still fit (options) stay.
   */
  create(basics: QuestionBasics, previous?: BaseQuestion & { options?: Option[] | undefined }): Q
  /** What makes the question unusable whatever the answers (too few options, an empty scale). */
  problems(question: Q): string[]
  /** Why a well-formed, non-empty answer does not fit this question, or null when it does. */
  answerProblem(question: Q, value: V): AnswerProblem | null
  /** The options another question's `showIf` may refer to; absent when it cannot be referred to. */
  conditionOptions?(question: Q): readonly Option[]
  /** The option ids an answer is or contains, for `showIf` (only with `conditionOptions`). */
  chosenOptions?(question: Q, value: V): readonly string[]
  /** The tally value keys one answer adds to (besides '' for answered). Free text adds none. */
  tallyKeys(question: Q, value: V): string[]
  /** The public result from the running tallies of this question. */
  result(question: Q, tally: Tally): R
  /** Keys of the cells of a breakdown by group (tally keys, in display order); null: never broken down. */
  breakdownKeys(question: Q): string[] | null
  /** Whether answers are free text: never tallied by value, read and moderated one by one. */
  freeText: boolean
  /**
   * Changes to this question after publishing that would break answers already given (a chosen
   * option removed, a scale narrowed past given values). Both questions have this type.
   */
  breakingChanges(before: Q, after: Q, tally: Tally): string[]
  /** The CSV columns of this question in the export. */
  exportColumns(question: Q): ExportColumn<V>[]
}

/** Too few or repeated ids in a list of options (or matrix rows): the shared check of such lists. */
export function optionListProblems(questionId: string, options: readonly Option[], what: 'option' | 'row'): string[] {
  const problems: string[] = []
  if (options.length < 2) problems.push(`question ${questionId}: needs at least two ${what}s`)
  if (new Set(options.map((o) => o.id)).size !== options.length) problems.push(`question ${questionId}: ${what} id used twice`)
  return problems
}

/**
 * The setup problems of a question whose answer picks several of its options (multiple choice,
 * ranking): the option list, and a `max` between 1 and the number of options.
 */
export function pickedOptionsProblems(q: { id: string; options: readonly Option[]; max?: number | undefined }): string[] {
  return [
    ...optionListProblems(q.id, q.options, 'option'),
    ...(q.max !== undefined && (q.max < 1 || q.max > q.options.length) ? [`question ${q.id}: max must be between 1 and the number of options`] : []),
  ]
}

/** The answer problem of a list of picked options: an unknown one, or more than `limit`. */
export function pickedOptionsProblem(options: readonly Option[], picked: readonly string[], limit: number | undefined): 'unknown_option' | 'too_many' | null {
  const known = new Set(options.map((o) => o.id))
  if (picked.some((v) => !known.has(v))) return 'unknown_option'
  return limit !== undefined && picked.length > limit ? 'too_many' : null
}

/** The label of an option id, or the id itself when it is no longer there. */
export function labelOf(options: readonly Option[] | undefined, id: string): string {
  return options?.find((o) => o.id === id)?.label ?? id
}

/** Refusals for options (or rows) that have tallies and are gone from the new list. */
export function removedChosen(questionId: string, before: readonly Option[], after: readonly Option[], chosen: (id: string) => boolean, what: 'option' | 'row'): string[] {
  const kept = new Set(after.map((o) => o.id))
  return before.filter((o) => !kept.has(o.id) && chosen(o.id)).map((o) => `${what} ${o.id} of question ${questionId} was chosen and cannot be removed`)
}
