import { z } from 'zod'
import { CountSchema, labelOf, OptionListSchema, optionListProblems, questionSchema, removedChosen, resultSchema, WireText, type QuestionTypeModule } from './base'

/** Pick one of `options`. */
export const SingleQuestionSchema = questionSchema('single', { options: OptionListSchema }).meta({ id: 'SingleQuestion' })
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>

export const SingleResultSchema = resultSchema('single', { counts: z.array(CountSchema) }).meta({ id: 'SingleResult' })
export type SingleResult = z.infer<typeof SingleResultSchema>

const SingleAnswerSchema = z.string()

export const singleType = {
  type: 'single',
  schema: SingleQuestionSchema,
  answerSchema: SingleAnswerSchema,
  wireSchema: WireText,
  resultSchema: SingleResultSchema,
  create: (basics, previous) => ({ ...basics, type: 'single', options: previous?.options?.length ? previous.options : twoBlankOptions() }),
  problems: (q) => optionListProblems(q.id, q.options, 'option'),
  answerProblem: (q, value) => (q.options.some((o) => o.id === value) ? null : 'unknown_option'),
  conditionOptions: (q) => q.options,
  chosenOptions: (_q, value) => [value],
  tallyKeys: (_q, value) => [value],
  result: (q, tally) => ({ questionId: q.id, type: 'single', answered: tally.get('') ?? 0, counts: q.options.map((o) => ({ key: o.id, count: tally.get(o.id) ?? 0 })) }),
  breakdownKeys: (q) => q.options.map((o) => o.id),
  freeText: false,
  breakingChanges: (before, after, tally) => removedChosen(before.id, before.options, after.options, (id) => (tally.get(id) ?? 0) > 0, 'option'),
  exportColumns: (q) => [{ header: q.label, cell: (value) => (value === undefined ? '' : labelOf(q.options, value)) }],
} satisfies QuestionTypeModule<SingleQuestion, string, SingleResult>

/** Two empty options for a new choice question: the least a choice needs. */
export function twoBlankOptions() {
  return [
    { id: 'o1', label: '' },
    { id: 'o2', label: '' },
  ]
}
