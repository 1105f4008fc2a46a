import { z } from 'zod'
import { isSafeText } from '../schemas/safe-text'
import { questionSchema, resultSchema, WireText, type QuestionTypeModule } from './base'

/** Default longest text answer, in characters, when a text question sets no `max`. */
export const DEFAULT_TEXT_MAX = 1000
/** What the back office proposes for a new text question. */
export const NEW_TEXT_MAX = 500

/** Free text of at most `max` characters (default {@link DEFAULT_TEXT_MAX}). */
export const TextQuestionSchema = questionSchema('text', { max: z.number().int().optional() }).meta({ id: 'TextQuestion' })
export type TextQuestion = z.infer<typeof TextQuestionSchema>

/** Text answers are never public: only how many answered. */
export const TextResultSchema = resultSchema('text', {}).meta({ id: 'TextResult' })
export type TextResult = z.infer<typeof TextResultSchema>

export function textMax(q: TextQuestion): number {
  return q.max ?? DEFAULT_TEXT_MAX
}

export const textType = {
  type: 'text',
  schema: TextQuestionSchema,
  answerSchema: z.string(),
  wireSchema: WireText,
  resultSchema: TextResultSchema,
  create: (basics) => ({ ...basics, type: 'text', max: NEW_TEXT_MAX }),
  problems: (q) => (q.max !== undefined && (q.max < 10 || q.max > 5000) ? [`question ${q.id}: text max must be between 10 and 5000`] : []),
  answerProblem: (q, value) => {
    if (!isSafeText(value)) return 'unsafe_text'
    return value.length > textMax(q) ? 'too_long' : null
  },
  tallyKeys: (_question, _value) => [],
  result: (q, tally) => ({ questionId: q.id, type: 'text', answered: tally.get('') ?? 0 }),
  breakdownKeys: (_question) => null,
  freeText: true,
  breakingChanges: () => [],
  exportColumns: (q) => [{ header: q.label, cell: (value) => value ?? '' }],
} satisfies QuestionTypeModule<TextQuestion, string, TextResult>
