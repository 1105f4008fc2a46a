import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import BreakdownTable from '../../../src/client/beheer/components/BreakdownTable.vue'
import { breakdownKeysOf } from '../../../src/shared/question-types/registry'
import type { Question } from '../../../src/shared/question-types/registry'
import { matrixQuestion, rankingQuestion, resetLocale } from '../fixtures'

/** A breakdown of one group in which every cell of the question has `count` devices. */
function mountFor(question: Question, count: number | null) {
  const counts = (breakdownKeysOf(question) ?? []).map((key) => ({ key, count }))
  return mount(BreakdownTable, {
    props: { caption: 'Per wijk', groupHeader: 'Wijk', question, groups: [{ group: 'Noord', respondents: 8, questions: [{ questionId: question.id, counts }] }], groupLabel: (g: string) => g },
  })
}

const headers = (wrapper: ReturnType<typeof mountFor>) => wrapper.findAll('thead th').map((th) => th.text())

describe('BreakdownTable', () => {
  beforeEach(resetLocale)

  it('gives a ranking a column per option and place, named in words', () => {
    const wrapper = mountFor(rankingQuestion, 6)
    expect(headers(wrapper).slice(0, 5)).toEqual(['Wijk', 'Deelnemers', 'Kinderopvang: plaats 1', 'Kinderopvang: plaats 2', 'Kinderopvang: plaats 3'])
    expect(headers(wrapper)).toHaveLength(2 + rankingQuestion.options.length * 3)
  })

  it('gives a matrix a column per statement and scale point, and hides small cells', () => {
    const wrapper = mountFor(matrixQuestion, null)
    expect(headers(wrapper).slice(2, 4)).toEqual(['Ik voel me veilig. (1)', 'Ik voel me veilig. (2)'])
    expect(headers(wrapper)).toHaveLength(2 + matrixQuestion.rows.length * 5)
    expect(wrapper.findAll('tbody td').at(-1)?.text()).toBe('minder dan 5')
  })
})
