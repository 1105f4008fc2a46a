import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ResultsChart from '../../../../src/client/components/results/ResultsChart.vue'
import { resultOf } from '../../../../src/shared/question-types/registry'
import { rankKey } from '../../../../src/shared/question-types/ranking'
import { rankingQuestion, resetLocale } from '../../fixtures'

/** The result the server would compute from these answers, through the shared module. */
function resultFrom(answers: string[][]) {
  const tally = new Map<string, number>([['', answers.length]])
  for (const answer of answers) answer.forEach((id, i) => tally.set(rankKey(id, i + 1), (tally.get(rankKey(id, i + 1)) ?? 0) + 1))
  return resultOf(rankingQuestion, tally)
}

describe('ranking results', () => {
  beforeEach(resetLocale)

  it('lists the options in the shared order, by points, with a chart and its data tables', () => {
    const result = resultFrom([
      ['bus', 'opvang', 'sport'],
      ['opvang', 'bus'],
      ['opvang', 'park', 'bus'],
      ['bus', 'opvang'],
    ])
    const wrapper = mount(ResultsChart, { props: { question: rankingQuestion, result } })
    const tables = wrapper.findAll('table')
    expect(tables).toHaveLength(2)
    expect(wrapper.find('svg').attributes('aria-label')).toContain('1. Kinderopvang: 4 (100% van 4)')
    const order = tables[1]!.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((cell) => cell.text()))
    // Kinderopvang: 1st twice, 2nd twice = 3+3+2+2 = 10 points; Busvervoer: 3+2+1+3 = 9.
    expect(order.slice(0, 2)).toEqual([
      ['1. Kinderopvang', '1,5', '2', '10'],
      ['2. Busvervoer', '1,8', '2', '9'],
    ])
    expect(order.at(-1)).toEqual(['5. Hulp thuis', '–', '0', '0'])
    expect(tables[1]!.find('caption').text()).toBe(`Volgorde: ${rankingQuestion.label}`)
  })

  it('says nobody answered yet instead of an empty table', () => {
    const wrapper = mount(ResultsChart, { props: { question: rankingQuestion, result: resultFrom([]) } })
    expect(wrapper.text()).toContain('Nog niemand')
    expect(wrapper.find('table').exists()).toBe(false)
  })
})
