import { describe, expect, it } from 'vitest'
import { rankingType, type RankingQuestion } from '../../../../src/shared/question-types/ranking'
import { QuestionSchema } from '../../../../src/shared/schemas/question'
import { findAnswerIssues } from '../../../../src/shared/validation/answers'
import { breakingQuestionChanges } from '../../../../src/shared/validation/question-changes'

const ranking: RankingQuestion = {
  id: 'r',
  type: 'ranking',
  label: 'Wat vind je het belangrijkst?',
  required: true,
  options: [
    { id: 'park', label: 'Park' },
    { id: 'sport', label: 'Sportveld' },
    { id: 'jongeren', label: 'Jongerencentrum' },
  ],
}

const tallyOf = (answers: string[][]) => {
  const tally = new Map<string, number>([['', answers.length]])
  for (const a of answers) for (const key of rankingType.tallyKeys(ranking, a)) tally.set(key, (tally.get(key) ?? 0) + 1)
  return tally
}

describe('ranking questions', () => {
  it('parses as a Question and refuses one without options', () => {
    expect(QuestionSchema.parse(ranking)).toEqual(ranking)
    expect(QuestionSchema.safeParse({ ...ranking, options: undefined }).success).toBe(false)
  })

  it('accepts distinct known options in order, all of them or fewer', () => {
    expect(findAnswerIssues([ranking], { r: ['sport', 'park', 'jongeren'] })).toEqual([])
    expect(findAnswerIssues([ranking], { r: ['jongeren'] })).toEqual([])
  })

  it('refuses repeats, unknown options, non-lists and more than max', () => {
    expect(findAnswerIssues([ranking], { r: ['park', 'park'] })).toEqual([{ questionId: 'r', problem: 'wrong_type' }])
    expect(findAnswerIssues([ranking], { r: ['park', 'zwembad'] })).toEqual([{ questionId: 'r', problem: 'unknown_option' }])
    expect(findAnswerIssues([ranking], { r: 'park' })).toEqual([{ questionId: 'r', problem: 'wrong_type' }])
    expect(findAnswerIssues([{ ...ranking, max: 2 }], { r: ['park', 'sport', 'jongeren'] })).toEqual([{ questionId: 'r', problem: 'too_many' }])
    expect(findAnswerIssues([ranking], { r: [] })).toEqual([{ questionId: 'r', problem: 'required' }])
  })

  it('refuses a max outside 1..options and fewer than two options', () => {
    expect(rankingType.problems({ ...ranking, max: 4 })).toEqual(['question r: max must be between 1 and the number of options'])
    expect(rankingType.problems({ ...ranking, options: [{ id: 'a', label: 'A' }] })).toEqual(['question r: needs at least two options'])
  })

  it('tallies per option the count at each rank, the mean rank and Borda points', () => {
    const result = rankingType.result(ranking, tallyOf([['park', 'sport', 'jongeren'], ['sport', 'park'], ['park']]))
    expect(result.answered).toBe(3)
    expect(result.counts).toEqual([
      { key: 'park', count: 3 },
      { key: 'sport', count: 2 },
      { key: 'jongeren', count: 1 },
    ])
    expect(result.ranking).toEqual([
      { key: 'park', byRank: [2, 1, 0], meanRank: 4 / 3, points: 3 + 3 + 2 },
      { key: 'sport', byRank: [1, 1, 0], meanRank: 1.5, points: 3 + 2 },
      { key: 'jongeren', byRank: [0, 0, 1], meanRank: 3, points: 1 },
    ])
  })

  it('counts only as many places as max allows', () => {
    const top2 = { ...ranking, max: 2 }
    expect(rankingType.result(top2, new Map()).ranking[0]).toEqual({ key: 'park', byRank: [0, 0], points: 0 })
    expect(rankingType.breakdownKeys(top2)).toEqual(['park:1', 'park:2', 'sport:1', 'sport:2', 'jongeren:1', 'jongeren:2'])
  })

  it('after publishing, refuses removing a ranked option or a max below ranks given, allows adding options', () => {
    const tally = new Map<string, Map<string, number>>([['r', tallyOf([['park', 'sport', 'jongeren']])]])
    const without = { ...ranking, options: ranking.options.slice(0, 2) }
    expect(breakingQuestionChanges([ranking], [without], tally)).toEqual(['option jongeren of question r was chosen and cannot be removed'])
    expect(breakingQuestionChanges([ranking], [{ ...ranking, max: 2 }], tally)).toEqual(['question r has answers that rank more options than the new maximum'])
    const more = { ...ranking, options: [...ranking.options, { id: 'bieb', label: 'Bibliotheek' }] }
    expect(breakingQuestionChanges([ranking], [more], tally)).toEqual([])
  })

  it('exports one column per option holding its rank', () => {
    const columns = rankingType.exportColumns(ranking)
    expect(columns.map((c) => c.header)).toEqual(['Wat vind je het belangrijkst?: Park', 'Wat vind je het belangrijkst?: Sportveld', 'Wat vind je het belangrijkst?: Jongerencentrum'])
    expect(columns.map((c) => c.cell(['sport', 'park']))).toEqual(['2', '1', ''])
    expect(columns.map((c) => c.cell(undefined))).toEqual(['', '', ''])
  })
})
