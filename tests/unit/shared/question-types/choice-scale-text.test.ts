import { describe, expect, it } from 'vitest'
import { multipleType, type MultipleQuestion } from '../../../../src/shared/question-types/multiple'
import { scaleType, type ScaleQuestion } from '../../../../src/shared/question-types/scale'
import { DEFAULT_SCALE } from '../../../../src/shared/question-types/scale-range'
import { singleType, type SingleQuestion } from '../../../../src/shared/question-types/single'
import { DEFAULT_TEXT_MAX, textType, type TextQuestion } from '../../../../src/shared/question-types/text'
import { findAnswerIssues } from '../../../../src/shared/validation/answers'
import { breakingQuestionChanges } from '../../../../src/shared/validation/question-changes'

const options = [
  { id: 'ja', label: 'Ja' },
  { id: 'nee', label: 'Nee' },
]
const single: SingleQuestion = { id: 's', type: 'single', label: 'Eens?', required: true, options }
const multiple: MultipleQuestion = { id: 'm', type: 'multiple', label: 'Welke?', required: false, max: 1, options }
const scale: ScaleQuestion = { id: 'c', type: 'scale', label: 'Hoe tevreden?', required: false }
const text: TextQuestion = { id: 't', type: 'text', label: 'Nog iets?', required: false, max: 20 }

const tally = (entries: [string, number][]) => new Map(entries)

describe('single choice', () => {
  it('accepts one known option id and refuses others, lists and numbers', () => {
    expect(findAnswerIssues([single], { s: 'ja' })).toEqual([])
    expect(findAnswerIssues([single], { s: 'misschien' })).toEqual([{ questionId: 's', problem: 'unknown_option' }])
    expect(findAnswerIssues([single], { s: ['ja'] })).toEqual([{ questionId: 's', problem: 'wrong_type' }])
    expect(findAnswerIssues([single], { s: 1 })).toEqual([{ questionId: 's', problem: 'wrong_type' }])
  })

  it('tallies per option and refuses removing a chosen option after publishing', () => {
    expect(singleType.result(single, tally([['', 3], ['ja', 2], ['nee', 1]]))).toEqual({ questionId: 's', type: 'single', answered: 3, counts: [{ key: 'ja', count: 2 }, { key: 'nee', count: 1 }] })
    expect(singleType.breakingChanges(single, { ...single, options: options.slice(0, 1) }, tally([['nee', 1]]))).toEqual(['option nee of question s was chosen and cannot be removed'])
    expect(singleType.breakingChanges(single, { ...single, options: options.slice(0, 1) }, tally([['ja', 1]]))).toEqual([])
  })

  it('exports the option label', () => {
    expect(singleType.exportColumns(single).map((c) => [c.header, c.cell('nee')])).toEqual([['Eens?', 'Nee']])
  })
})

describe('multiple choice', () => {
  it('refuses repeats, unknown options and more than max', () => {
    expect(findAnswerIssues([multiple], { m: ['ja'] })).toEqual([])
    expect(findAnswerIssues([multiple], { m: ['ja', 'ja'] })).toEqual([{ questionId: 'm', problem: 'wrong_type' }])
    expect(findAnswerIssues([multiple], { m: ['ja', 'nee'] })).toEqual([{ questionId: 'm', problem: 'too_many' }])
    expect(findAnswerIssues([multiple], { m: ['x'] })).toEqual([{ questionId: 'm', problem: 'unknown_option' }])
  })

  it('refuses a max beyond the options when set up', () => {
    expect(multipleType.problems({ ...multiple, max: 3 })).toEqual(['question m: max must be between 1 and the number of options'])
  })

  it('tallies each chosen option and exports the labels joined', () => {
    expect(multipleType.tallyKeys(multiple, ['ja', 'nee'])).toEqual(['ja', 'nee'])
    expect(multipleType.exportColumns(multiple)[0]?.cell(['nee', 'ja'])).toBe('Nee; Ja')
  })
})

describe('scale', () => {
  it('uses 1..5 when no bounds are set', () => {
    expect(DEFAULT_SCALE).toEqual({ min: 1, max: 5 })
    expect(findAnswerIssues([scale], { c: 5 })).toEqual([])
    expect(findAnswerIssues([scale], { c: 0 })).toEqual([{ questionId: 'c', problem: 'out_of_range' }])
    expect(findAnswerIssues([scale], { c: 2.5 })).toEqual([{ questionId: 'c', problem: 'wrong_type' }])
    expect(scaleType.create({ id: 'c', label: '', required: false })).toEqual({ id: 'c', label: '', required: false, type: 'scale', min: 1, max: 5 })
  })

  it('tallies every value with the mean, and refuses narrowing past given values', () => {
    const result = scaleType.result(scale, tally([['', 2], ['2', 1], ['4', 1]]))
    expect(result.counts.map((c) => c.count)).toEqual([0, 1, 0, 1, 0])
    expect(result.mean).toBe(3)
    expect(scaleType.result(scale, tally([])).mean).toBeUndefined()
    expect(scaleType.breakingChanges(scale, { ...scale, max: 3 }, tally([['', 2], ['2', 1], ['4', 1]]))).toEqual(['question c has answers of 4, outside the new scale'])
  })

  it('refuses a scale with min >= max or more than 11 steps', () => {
    expect(scaleType.problems({ ...scale, min: 0, max: 11 })).toEqual(['question c: scale needs min < max and at most 11 steps'])
    expect(scaleType.problems({ ...scale, min: 0, max: 10 })).toEqual([])
  })
})

describe('text', () => {
  it('refuses text over max (default 1000) and unstorable text', () => {
    expect(findAnswerIssues([text], { t: 'x'.repeat(21) })).toEqual([{ questionId: 't', problem: 'too_long' }])
    expect(findAnswerIssues([{ ...text, max: undefined }], { t: 'x'.repeat(DEFAULT_TEXT_MAX) })).toEqual([])
    expect(findAnswerIssues([text], { t: 'a\u0000' })).toEqual([{ questionId: 't', problem: 'unsafe_text' }])
  })

  it('is free text: never tallied by value, never broken down, only counted as answered', () => {
    expect(textType.freeText).toBe(true)
    expect(textType.tallyKeys(text, 'hallo')).toEqual([])
    expect(textType.breakdownKeys(text)).toBeNull()
    expect(textType.result(text, tally([['', 4]]))).toEqual({ questionId: 't', type: 'text', answered: 4 })
  })
})

describe('changes after publishing, for every type', () => {
  it('refuses removing an answered question, changing its type and adding a required question', () => {
    const answered = new Map([['s', tally([['', 1], ['ja', 1]])]])
    expect(breakingQuestionChanges([single], [], answered)).toEqual(['question s has answers and cannot be removed'])
    expect(breakingQuestionChanges([single], [{ ...multiple, id: 's' }], answered)).toEqual(['question s has answers; its type cannot change'])
    expect(breakingQuestionChanges([single], [single, { ...text, required: true }], answered)).toEqual(['question t is new and must be optional once answers are coming in'])
  })
})
