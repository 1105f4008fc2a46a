import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ResultsChart from '../../../../src/client/components/results/ResultsChart.vue'
import { cellKey } from '../../../../src/shared/question-types/matrix'
import { resultOf } from '../../../../src/shared/question-types/registry'
import { matrixQuestion, resetLocale } from '../../fixtures'

function resultFrom(answers: Record<string, number>[]) {
  const tally = new Map<string, number>([['', answers.length]])
  for (const answer of answers) for (const [row, value] of Object.entries(answer)) tally.set(cellKey(row, value), (tally.get(cellKey(row, value)) ?? 0) + 1)
  return resultOf(matrixQuestion, tally)
}

describe('matrix results', () => {
  beforeEach(resetLocale)

  it('shows each statement with its own chart, data table and mean', () => {
    const result = resultFrom([
      { veilig: 4, schoon: 2, buren: 5 },
      { veilig: 5, schoon: 2, buren: 1 },
    ])
    const wrapper = mount(ResultsChart, { props: { question: matrixQuestion, result } })
    expect(wrapper.findAll('h4').map((h) => h.text())).toEqual(matrixQuestion.rows.map((r) => r.label))
    const tables = wrapper.findAll('table')
    expect(tables).toHaveLength(3)
    const first = tables[0]!.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((cell) => cell.text()))
    expect(first).toEqual([
      ['1 (Helemaal oneens)', '0', '0% van 2'],
      ['2', '0', '0% van 2'],
      ['3', '0', '0% van 2'],
      ['4', '1', '50% van 2'],
      ['5 (Helemaal eens)', '1', '50% van 2'],
    ])
    expect(wrapper.text()).toContain('Gemiddeld: 4,5')
    expect(wrapper.text()).toContain('Gemiddeld: 2')
  })
})
