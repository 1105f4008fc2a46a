import { describe, expect, it } from 'vitest'
import { askedQuestionIds, conditionProblems, withoutUnasked } from '../../../src/shared/question-types/conditions'
import type { Question } from '../../../src/shared/schemas/question'
import { questionListProblems } from '../../../src/shared/schemas/item-draft'
import { findAnswerIssues } from '../../../src/shared/validation/answers'
import { breakingQuestionChanges } from '../../../src/shared/validation/question-changes'

const sport: Question = {
  id: 'sport',
  type: 'multiple',
  label: 'Welke sport doe je?',
  required: true,
  options: [
    { id: 'voetbal', label: 'Voetbal' },
    { id: 'zwemmen', label: 'Zwemmen' },
    { id: 'geen', label: 'Geen' },
  ],
}
const club: Question = { id: 'club', type: 'single', label: 'Bij een club?', required: true, showIf: { questionId: 'sport', anyOf: ['voetbal', 'zwemmen'] }, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] }
const why: Question = { id: 'why', type: 'text', label: 'Waarom niet?', required: true, showIf: { questionId: 'sport', anyOf: ['geen'] } }
const clubName: Question = { id: 'naam', type: 'text', label: 'Welke club?', required: false, showIf: { questionId: 'club', anyOf: ['ja'] } }
const questions = [sport, club, why, clubName]

describe('conditions (showIf)', () => {
  it('asks a question only when the earlier answer is or contains one of anyOf', () => {
    expect([...askedQuestionIds(questions, { sport: ['zwemmen'] })]).toEqual(['sport', 'club'])
    expect([...askedQuestionIds(questions, { sport: ['geen'] })]).toEqual(['sport', 'why'])
    expect([...askedQuestionIds(questions, { sport: ['voetbal'], club: 'ja' })]).toEqual(['sport', 'club', 'naam'])
    expect([...askedQuestionIds(questions, {})]).toEqual(['sport'])
  })

  it('requires a conditional question only when it is asked', () => {
    expect(findAnswerIssues(questions, { sport: ['geen'] })).toEqual([{ questionId: 'why', problem: 'required' }])
    expect(findAnswerIssues(questions, { sport: ['geen'], why: 'Geen tijd' })).toEqual([])
    expect(findAnswerIssues(questions, { sport: ['voetbal'], club: 'nee' })).toEqual([])
  })

  it('refuses an answer to a question that was not asked, also down a chain', () => {
    expect(findAnswerIssues(questions, { sport: ['geen'], why: 'Geen tijd', club: 'ja' })).toEqual([{ questionId: 'club', problem: 'not_asked' }])
    expect(findAnswerIssues(questions, { sport: ['voetbal'], club: 'nee', naam: 'VV Noord' })).toEqual([{ questionId: 'naam', problem: 'not_asked' }])
  })

  it('lets a condition follow a ranking: it holds when the option was ranked at all', () => {
    const ranked: Question[] = [
      { id: 'r', type: 'ranking', label: 'Rangschik', required: true, max: 1, options: sport.options },
      { ...why, showIf: { questionId: 'r', anyOf: ['geen'] } },
    ]
    expect(findAnswerIssues(ranked, { r: ['geen'] })).toEqual([{ questionId: 'why', problem: 'required' }])
    expect(findAnswerIssues(ranked, { r: ['voetbal'], why: 'x' })).toEqual([{ questionId: 'why', problem: 'not_asked' }])
  })

  it('drops answers to questions that are not asked before sending', () => {
    expect(withoutUnasked(questions, { sport: ['geen'], why: 'Geen tijd', club: 'ja' })).toEqual({ sport: ['geen'], why: 'Geen tijd' })
  })

  it('refuses in a draft a condition on a later, unknown or option-less question, or on an unknown option', () => {
    expect(conditionProblems(questions)).toEqual([])
    expect(questionListProblems([club, sport])).toEqual(['question club: its condition must refer to an earlier question'])
    expect(questionListProblems([sport, { ...club, showIf: { questionId: 'sport', anyOf: ['klimmen'] } }])).toEqual(['question club: its condition refers to unknown option klimmen'])
    expect(questionListProblems([sport, { ...club, showIf: { questionId: 'leeftijd', anyOf: ['x'] } }])).toEqual(['question club: its condition refers to unknown question leeftijd'])
    const text: Question = { id: 'open', type: 'text', label: 'Open', required: false }
    expect(questionListProblems([text, { ...club, showIf: { questionId: 'open', anyOf: ['x'] } }])).toEqual(['question club: its condition must refer to a question with options'])
    expect(questionListProblems([{ ...club, showIf: { questionId: 'club', anyOf: ['ja'] } }])).toEqual(['question club: its condition must refer to an earlier question'])
  })

  it('after publishing, refuses changing the condition of an answered question', () => {
    const tally = new Map([['club', new Map([['', 1], ['ja', 1]])]])
    expect(breakingQuestionChanges(questions, [sport, { ...club, showIf: { questionId: 'sport', anyOf: ['voetbal'] } }, why, clubName], tally)).toEqual(['question club has answers; its condition cannot change'])
    expect(breakingQuestionChanges(questions, [sport, { ...club, showIf: { questionId: 'sport', anyOf: ['zwemmen', 'voetbal'] } }, why, clubName], tally)).toEqual([])
  })
})
