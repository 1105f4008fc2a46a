import { z } from 'zod'
import { CountSchema, questionSchema, resultSchema, WireNumber, type QuestionTypeModule } from './base'
import { DEFAULT_SCALE, isOnScale, scaleDistribution, scaleFields, scaleProblems } from './scale-range'

/**
 * A whole number from `min` to `max` (default {@link DEFAULT_SCALE}); `minLabel`/`maxLabel` name
 * the ends, `smileys` shows faces instead of numbers.
 */
export const ScaleQuestionSchema = questionSchema('scale', { ...scaleFields, smileys: z.boolean().optional() }).meta({ id: 'ScaleQuestion' })
export type ScaleQuestion = z.infer<typeof ScaleQuestionSchema>

export const ScaleResultSchema = resultSchema('scale', {
  /** Per scale value, low to high: how many devices chose it. */
  counts: z.array(CountSchema),
  /** The mean, when anyone answered. */
  mean: z.number().optional(),
}).meta({ id: 'ScaleResult' })
export type ScaleResult = z.infer<typeof ScaleResultSchema>

const ScaleAnswerSchema = z.number().int()

/** Scale values that were given and fall outside the new bounds. */
export function valuesOffScale(questionId: string, after: ScaleQuestion | { min?: number | undefined; max?: number | undefined }, given: Iterable<[string, number]>): string[] {
  const problems: string[] = []
  for (const [value, n] of given) {
    if (n > 0 && !isOnScale(after, Number(value))) problems.push(`question ${questionId} has answers of ${value}, outside the new scale`)
  }
  return problems
}

export const scaleType = {
  type: 'scale',
  schema: ScaleQuestionSchema,
  answerSchema: ScaleAnswerSchema,
  wireSchema: WireNumber,
  resultSchema: ScaleResultSchema,
  create: (basics) => ({ ...basics, type: 'scale', ...DEFAULT_SCALE }),
  problems: (q) => scaleProblems(q.id, q),
  answerProblem: (q, value) => (isOnScale(q, value) ? null : 'out_of_range'),
  tallyKeys: (_q, value) => [String(value)],
  result: (q, tally) => ({ questionId: q.id, type: 'scale', answered: tally.get('') ?? 0, ...scaleDistribution(q, (v) => tally.get(String(v)) ?? 0) }),
  breakdownKeys: (q) => scaleDistribution(q, () => 0).counts.map((c) => c.key),
  freeText: false,
  breakingChanges: (before, after, tally) => valuesOffScale(before.id, after, [...tally].filter(([key]) => key !== '')),
  exportColumns: (q) => [{ header: q.label, cell: (value) => (value === undefined ? '' : String(value)) }],
} satisfies QuestionTypeModule<ScaleQuestion, number, ScaleResult>
