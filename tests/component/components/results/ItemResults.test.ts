import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ItemResults from '../../../../src/client/components/results/ItemResults.vue'
import type { Api } from '../../../../src/client/sync/api'
import { setResidentApi } from '../../../../src/client/sync/resident-api'
import type { PublicResults } from '../../../../src/shared/schemas/results'
import { anItem, resetLocale, singleQuestion } from '../../fixtures'
import { mountPage } from '../../page-harness'

function apiAnswering(results: PublicResults): Api {
  return new Proxy({} as Api, { get: (_, name) => (name === 'getResults' ? () => Promise.resolve(results) : () => Promise.reject(new Error('not in this test'))) })
}

describe('ItemResults', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says that there are too few answers yet, with the minimum, and shows no counts', async () => {
    const item = anItem({ questions: [singleQuestion], resultsVisibility: 'direct' })
    setResidentApi(apiAnswering({ itemId: item.id, enoughAnswers: false, minRespondents: 5 }))
    const { wrapper } = await mountPage(ItemResults, '/', { item, open: true, answered: true })
    expect(wrapper.find('[data-testid="results-too-few"]').text()).toBe(
      'Nog te weinig antwoorden om uitslagen te tonen. Je ziet de uitslagen als minstens 5 mensen hebben geantwoord. Zo kan niemand zien wat één ander koos.',
    )
    expect(wrapper.find('svg').exists()).toBe(false)
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('deden mee')
  })

  it('shows counts with the base of every percentage once enough people answered', async () => {
    const item = anItem({ questions: [singleQuestion], resultsVisibility: 'direct' })
    const results: PublicResults = {
      itemId: item.id,
      enoughAnswers: true,
      minRespondents: 5,
      respondents: 48,
      questions: [{ questionId: 'q1', type: 'single', answered: 48, counts: [{ key: 'ja', count: 30 }, { key: 'nee', count: 18 }] }],
    }
    setResidentApi(apiAnswering(results))
    const { wrapper } = await mountPage(ItemResults, '/', { item, open: true, answered: true })
    expect(wrapper.text()).toContain('48 mensen deden mee.')
    expect(wrapper.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['30', '63% van 48'],
      ['18', '38% van 48'],
    ])
  })
})
