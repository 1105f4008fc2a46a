import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import OnBehalfPanel from '../../../../src/client/beheer/components/agenda/OnBehalfPanel.vue'
import ItemInputPage from '../../../../src/client/beheer/pages/ItemInputPage.vue'
import type { ItemInput } from '../../../../src/shared/schemas/input'
import type { ManagedItem } from '../../../../src/shared/schemas/item-draft'
import { anItem, resetLocale, singleQuestion } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const item: ManagedItem = { ...anItem({ questions: [singleQuestion] }), state: 'open', publishedAt: '2026-05-01T08:00:00.000Z', respondents: 12 }
const me = { id: crypto.randomUUID(), email: 'e@beverwijk.nl', municipality: 'beverwijk', municipalityName: 'Beverwijk', role: 'official', csrfToken: 'tok' }
const input: ItemInput = {
  itemId: item.id,
  results: { itemId: item.id, respondents: 12, questions: [{ questionId: 'q1', type: 'single', answered: 12, counts: [{ key: 'ja', count: 9 }, { key: 'nee', count: 3 }] }] },
  hiddenCount: 0,
  byAgeBand: [
    { group: '18-23', respondents: 9, questions: [{ questionId: 'q1', counts: [{ key: 'ja', count: 7 }, { key: 'nee', count: null }] }] },
    { group: '65+', respondents: null, questions: [{ questionId: 'q1', counts: [{ key: 'ja', count: null }, { key: 'nee', count: null }] }] },
  ],
  byArea: [],
}

function fakeServer(url: string): Response {
  const body = url === '/api/auth/me' ? me : url === '/api/official/partners' ? { partners: [] } : url.endsWith('/input') ? input : url.startsWith('/api/official/items/') ? item : undefined
  return new Response(JSON.stringify(body ?? { error: { code: 'not_found', message: 'no' } }), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } })
}

describe('ItemInputPage', () => {
  beforeEach(() => {
    resetLocale()
    vi.stubGlobal('fetch', vi.fn(async (url: string) => fakeServer(url)))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('shows the respondent count and the export links', async () => {
    const { wrapper } = await mountPage(ItemInputPage, `/beheer/items/${item.id}/inbreng`, { id: item.id })
    await settle()
    expect(wrapper.find('[data-testid="respondent-count"]').text()).toBe('12 deelnemers')
    expect(wrapper.find('[data-testid="export-csv"]').attributes('href')).toBe(`/api/official/items/${item.id}/export?format=csv`)
  })

  it('reloads the item and its input after answers were entered on behalf of residents, but not the partner list', async () => {
    const { wrapper } = await mountPage(ItemInputPage, `/beheer/items/${item.id}/inbreng`, { id: item.id })
    await settle()
    const calls = (path: string) => vi.mocked(fetch).mock.calls.filter(([url]) => url === path).length
    expect([calls(`/api/official/items/${item.id}/input`), calls('/api/official/partners')]).toEqual([1, 1])
    wrapper.findComponent(OnBehalfPanel).vm.$emit('sent')
    await settle()
    expect([calls(`/api/official/items/${item.id}/input`), calls('/api/official/partners')]).toEqual([2, 1])
  })

  it('shows suppressed cells of the breakdown as "minder dan 5"', async () => {
    const { wrapper } = await mountPage(ItemInputPage, `/beheer/items/${item.id}/inbreng`, { id: item.id })
    await settle()
    const table = wrapper.findAll('table.mp-breakdown')[0]
    expect(table?.find('caption').text()).toContain('per Leeftijd')
    const rows = table!.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['18 tot en met 23 jaar', '9', '7', 'minder dan 5'],
      ['65 jaar of ouder', 'minder dan 5', 'minder dan 5', 'minder dan 5'],
    ])
  })
})
