import { describe, expect, it } from 'vitest'
import { matrixType, type MatrixQuestion } from '../../../../src/shared/question-types/matrix'
import { QuestionSchema } from '../../../../src/shared/schemas/question'
import { findAnswerIssues } from '../../../../src/shared/validation/answers'
import { breakingQuestionChanges } from '../../../../src/shared/validation/question-changes'

const matrix: MatrixQuestion = {
  id: 'm',
  type: 'matrix',
  label: 'Hoe eens ben je het?',
  required: true,
  rows: [
    { id: 'veilig', label: 'De buurt is veilig' },
    { id: 'schoon', label: 'De buurt is schoon' },
  ],
}

const tallyOf = (answers: Record<string, number>[]) => {
  const tally = new Map<string, number>([['', answers.length]])
  for (const a of answers) for (const key of matrixType.tallyKeys(matrix, a)) tally.set(key, (tally.get(key) ?? 0) + 1)
  return tally
}

describe('matrix questions', () => {
  it('parses as a Question with the default 1..5 scale when no bounds are set', () => {
    expect(QuestionSchema.parse(matrix)).toEqual(matrix)
    expect(matrixType.create({ id: 'm', label: '', required: false })).toMatchObject({ type: 'matrix', min: 1, max: 5 })
  })

  it('accepts a whole number in min..max for every row', () => {
    expect(findAnswerIssues([matrix], { m: { veilig: 1, schoon: 5 } })).toEqual([])
  })

  it('refuses unknown rows, values off the scale, fractions and a required matrix with a row missing', () => {
    expect(findAnswerIssues([matrix], { m: { veilig: 3, groen: 3 } })).toEqual([{ questionId: 'm', problem: 'unknown_option' }])
    expect(findAnswerIssues([matrix], { m: { veilig: 6, schoon: 3 } })).toEqual([{ questionId: 'm', problem: 'out_of_range' }])
    expect(findAnswerIssues([matrix], { m: { veilig: 2.5, schoon: 3 } })).toEqual([{ questionId: 'm', problem: 'wrong_type' }])
    expect(findAnswerIssues([matrix], { m: ['veilig'] })).toEqual([{ questionId: 'm', problem: 'wrong_type' }])
    expect(findAnswerIssues([matrix], { m: { veilig: 3 } })).toEqual([{ questionId: 'm', problem: 'required' }])
    expect(findAnswerIssues([matrix], { m: {} })).toEqual([{ questionId: 'm', problem: 'required' }])
  })

  it('lets an optional matrix be answered for some rows', () => {
    expect(findAnswerIssues([{ ...matrix, required: false }], { m: { schoon: 2 } })).toEqual([])
  })

  it('refuses fewer than two rows, repeated row ids and an empty scale', () => {
    expect(matrixType.problems({ ...matrix, rows: [{ id: 'a', label: 'A' }] })).toEqual(['question m: needs at least two rows'])
    expect(matrixType.problems({ ...matrix, rows: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] })).toEqual(['question m: row id used twice'])
    expect(matrixType.problems({ ...matrix, min: 3, max: 3 })).toEqual(['question m: scale needs min < max and at most 11 steps'])
  })

  it('tallies per row the distribution and the mean, like a scale', () => {
    const result = matrixType.result(matrix, tallyOf([{ veilig: 4, schoon: 2 }, { veilig: 5, schoon: 2 }, { veilig: 4 }]))
    expect(result.answered).toBe(3)
    expect(result.rows).toEqual([
      { key: 'veilig', answered: 3, counts: [1, 2, 3, 4, 5].map((v) => ({ key: String(v), count: v === 4 ? 2 : v === 5 ? 1 : 0 })), mean: 13 / 3 },
      { key: 'schoon', answered: 2, counts: [1, 2, 3, 4, 5].map((v) => ({ key: String(v), count: v === 2 ? 2 : 0 })), mean: 2 },
    ])
    expect(matrixType.breakdownKeys(matrix)).toEqual(['veilig:1', 'veilig:2', 'veilig:3', 'veilig:4', 'veilig:5', 'schoon:1', 'schoon:2', 'schoon:3', 'schoon:4', 'schoon:5'])
  })

  it('after publishing, refuses removing an answered row or narrowing the scale past given values', () => {
    const tally = new Map([['m', tallyOf([{ veilig: 5, schoon: 1 }])]])
    expect(breakingQuestionChanges([matrix], [{ ...matrix, rows: matrix.rows.slice(0, 1) }], tally)).toEqual(['row schoon of question m was chosen and cannot be removed'])
    expect(breakingQuestionChanges([matrix], [{ ...matrix, min: 1, max: 4 }], tally)).toEqual(['question m has answers of 5, outside the new scale'])
    expect(breakingQuestionChanges([matrix], [{ ...matrix, rows: [...matrix.rows, { id: 'groen', label: 'Groen' }] }], tally)).toEqual([])
  })

  it('exports one column per row', () => {
    const columns = matrixType.exportColumns(matrix)
    expect(columns.map((c) => c.header)).toEqual(['Hoe eens ben je het?: De buurt is veilig', 'Hoe eens ben je het?: De buurt is schoon'])
    expect(columns.map((c) => c.cell({ schoon: 4 }))).toEqual(['', '4'])
  })
})
