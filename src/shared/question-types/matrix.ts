import { z } from 'zod'
import { CountSchema, LocalIdSchema, OptionListSchema, optionListProblems, questionSchema, removedChosen, resultSchema, WireNumberRecord, type QuestionTypeModule, type Tally } from './base'
import { valuesOffScale } from './scale'
import { DEFAULT_SCALE, isOnScale, scaleDistribution, scaleFields, scaleProblems, scaleValues } from './scale-range'

/**
 * Several statements (`rows`) on one scale from `min` to `max` (default {@link DEFAULT_SCALE}).
 * The answer gives a value per row; a required matrix needs every row, an optional one any.
 */
export const MatrixQuestionSchema = questionSchema('matrix', { rows: OptionListSchema, ...scaleFields }).meta({ id: 'MatrixQuestion' })
export type MatrixQuestion = z.infer<typeof MatrixQuestionSchema>

export const MatrixResultSchema = resultSchema('matrix', {
  /** Per row, in the question's order: like a scale question's result. */
  rows: z.array(
    z.object({
      key: LocalIdSchema,
      answered: z.number().int().nonnegative(),
      counts: z.array(CountSchema),
      mean: z.number().optional(),
    }),
  ),
}).meta({ id: 'MatrixResult' })
export type MatrixResult = z.infer<typeof MatrixResultSchema>

/** Row id -> whole number. */
const MatrixAnswerSchema = z.record(z.string(), z.number().int())

/** The tally key of "row got value". Ids cannot hold ':'. */
export function cellKey(rowId: string, value: number | string): string {
  return `${rowId}:${value}`
}

function rowTally(tally: Tally, rowId: string): [string, number][] {
  const prefix = `${rowId}:`
  return [...tally].filter(([key]) => key.startsWith(prefix)).map(([key, n]) => [key.slice(prefix.length), n])
}

export const matrixType = {
  type: 'matrix',
  schema: MatrixQuestionSchema,
  answerSchema: MatrixAnswerSchema,
  wireSchema: WireNumberRecord,
  resultSchema: MatrixResultSchema,
  create: (basics) => ({
    ...basics,
    type: 'matrix',
    rows: [
      { id: 'r1', label: '' },
      { id: 'r2', label: '' },
    ],
    ...DEFAULT_SCALE,
  }),
  problems: (q) => [...optionListProblems(q.id, q.rows, 'row'), ...scaleProblems(q.id, q)],
  answerProblem: (q, value) => {
    const rows = new Set(q.rows.map((r) => r.id))
    const given = Object.entries(value)
    if (given.some(([rowId]) => !rows.has(rowId))) return 'unknown_option'
    if (given.some(([, v]) => !isOnScale(q, v))) return 'out_of_range'
    return q.required && given.length < rows.size ? 'required' : null
  },
  tallyKeys: (_q, value) => Object.entries(value).map(([rowId, v]) => cellKey(rowId, v)),
  result: (q, tally) => ({
    questionId: q.id,
    type: 'matrix',
    answered: tally.get('') ?? 0,
    rows: q.rows.map((r) => {
      const distribution = scaleDistribution(q, (v) => tally.get(cellKey(r.id, v)) ?? 0)
      return { key: r.id, answered: distribution.counts.reduce((sum, c) => sum + c.count, 0), ...distribution }
    }),
  }),
  breakdownKeys: (q) => q.rows.flatMap((r) => scaleValues(q).map((v) => cellKey(r.id, v))),
  freeText: false,
  breakingChanges: (before, after, tally) => [
    ...removedChosen(before.id, before.rows, after.rows, (id) => rowTally(tally, id).some(([, n]) => n > 0), 'row'),
    ...new Set(after.rows.flatMap((r) => valuesOffScale(before.id, after, rowTally(tally, r.id)))),
  ],
  /** One column per row (statement). */
  exportColumns: (q) => q.rows.map((r) => ({ header: `${q.label}: ${r.label}`, cell: (value) => (value?.[r.id] === undefined ? '' : String(value[r.id])) })),
} satisfies QuestionTypeModule<MatrixQuestion, Record<string, number>, MatrixResult>
