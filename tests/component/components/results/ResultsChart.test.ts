import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ResultsChart from '../../../../src/client/components/results/ResultsChart.vue'
import { resetLocale, scaleQuestion, singleQuestion, textQuestion } from '../../fixtures'

describe('ResultsChart', () => {
  beforeEach(resetLocale)

  it('renders a labelled bar chart and a table with counts and percentages, each with its base', () => {
    const result = { questionId: 'q1', type: 'single' as const, answered: 8, counts: [{ key: 'ja', count: 6 }, { key: 'nee', count: 2 }] }
    const wrapper = mount(ResultsChart, { props: { question: singleQuestion, result } })

    const svg = wrapper.find('svg')
    expect(svg.attributes('role')).toBe('img')
    expect(svg.attributes('aria-label')).toContain('Ja: 6 (75% van 8), Nee: 2 (25% van 8)')
    expect(svg.text()).toContain('6 (75% van 8)')

    expect(wrapper.find('caption').text()).toBe(`Uitkomsten: ${singleQuestion.label}`)
    const rows = wrapper.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['Ja', '6', '75% van 8'],
      ['Nee', '2', '25% van 8'],
    ])
  })

  it('shows every scale point and the mean', () => {
    const result = { questionId: 'q3', type: 'scale' as const, answered: 4, counts: [{ key: '4', count: 3 }, { key: '5', count: 1 }], mean: 4.25 }
    const wrapper = mount(ResultsChart, { props: { question: scaleQuestion, result } })
    expect(wrapper.findAll('tbody tr')).toHaveLength(5)
    expect(wrapper.findAll('tbody tr')[0]!.text()).toContain('1 (Helemaal niet)')
    expect(wrapper.text()).toContain('Gemiddeld: 4,3')
  })

  it('only says how many people answered a text question', () => {
    const result = { questionId: 'q4', type: 'text' as const, answered: 5 }
    const wrapper = mount(ResultsChart, { props: { question: textQuestion, result } })
    expect(wrapper.text()).toContain('5 mensen gaven een antwoord.')
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.find('svg').exists()).toBe(false)
  })
})
