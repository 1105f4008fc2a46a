import { z } from 'zod'
import { CountSchema, labelOf, OptionListSchema, pickedOptionsProblem, pickedOptionsProblems, questionSchema, removedChosen, resultSchema, WireIdList, type QuestionTypeModule } from './base'
import { twoBlankOptions } from './single'

/** Pick one or more of `options`; `max` caps how many. */
export const MultipleQuestionSchema = questionSchema('multiple', { options: OptionListSchema, max: z.number().int().optional() }).meta({ id: 'MultipleQuestion' })
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>

export const MultipleResultSchema = resultSchema('multiple', { counts: z.array(CountSchema) }).meta({ id: 'MultipleResult' })
export type MultipleResult = z.infer<typeof MultipleResultSchema>

/** Distinct option ids. */
const MultipleAnswerSchema = z.array(z.string()).refine((ids) => new Set(ids).size === ids.length, { message: 'options must be distinct' })

export const multipleType = {
  type: 'multiple',
  schema: MultipleQuestionSchema,
  answerSchema: MultipleAnswerSchema,
  wireSchema: WireIdList,
  resultSchema: MultipleResultSchema,
  create: (basics, previous) => ({ ...basics, type: 'multiple', options: previous?.options?.length ? previous.options : twoBlankOptions() }),
  problems: (q) => pickedOptionsProblems(q),
  answerProblem: (q, value) => pickedOptionsProblem(q.options, value, q.max),
  conditionOptions: (q) => q.options,
  chosenOptions: (_q, value) => value,
  tallyKeys: (_q, value) => [...value],
  result: (q, tally) => ({ questionId: q.id, type: 'multiple', answered: tally.get('') ?? 0, counts: q.options.map((o) => ({ key: o.id, count: tally.get(o.id) ?? 0 })) }),
  breakdownKeys: (q) => q.options.map((o) => o.id),
  freeText: false,
  breakingChanges: (before, after, tally) => removedChosen(before.id, before.options, after.options, (id) => (tally.get(id) ?? 0) > 0, 'option'),
  exportColumns: (q) => [{ header: q.label, cell: (value) => (value ?? []).map((id) => labelOf(q.options, id)).join('; ') }],
} satisfies QuestionTypeModule<MultipleQuestion, string[], MultipleResult>
