import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ItemEditPage from '../../../../src/client/beheer/pages/ItemEditPage.vue'
import ItemInputPage from '../../../../src/client/beheer/pages/ItemInputPage.vue'
import type { ItemInput } from '../../../../src/shared/schemas/input'
import type { ManagedItem } from '../../../../src/shared/schemas/item-draft'
import { anItem, resetLocale, singleQuestion, textQuestion } from '../../fixtures'
import { mountPage, settle } from '../../page-harness'

const plainOfficial = { id: crypto.randomUUID(), email: 'e@velsen.nl', municipality: 'velsen', municipalityName: 'Velsen', role: 'official', csrfToken: 'tok' }
const regionOfficial = { ...plainOfficial, email: 'regio@velsen.nl', region: 'ijmond', regionName: 'IJmond' }

const regional: ManagedItem = {
  ...anItem({ municipality: 'beverwijk', region: 'IJmond', regionSlug: 'ijmond', questions: [singleQuestion, textQuestion] }),
  state: 'open',
  publishedAt: '2026-05-01T08:00:00.000Z',
  respondents: 12,
}
const groups = (slug: string, n: number | null) => ({ group: slug, respondents: n, questions: [{ questionId: 'q1', counts: [{ key: 'ja', count: n }, { key: 'nee', count: null }] }] })
const input: ItemInput = {
  itemId: regional.id,
  results: { itemId: regional.id, respondents: 12, questions: [] },
  hiddenCount: 0,
  byAgeBand: [],
  byArea: [],
  byMunicipality: [groups('beverwijk', 6), groups('velsen', 6), groups('unknown', null)],
}

interface Call {
  method: string
  url: string
  body: unknown
}

function serve(me: object, item: ManagedItem) {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET'
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined
      calls.push({ method, url, body })
      const answer = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })
      if (url === '/api/auth/me') return answer(me)
      if (url === '/api/official/vocabulary') return answer({ areas: ['Centrum'], themes: ['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer'] })
      if (url === '/api/municipalities') return answer([{ slug: 'beverwijk', name: 'Beverwijk' }, { slug: 'velsen', name: 'Velsen' }])
      if (url === '/api/official/items' && method === 'POST') return answer({ ...item, ...(body as object), id: item.id, state: 'draft', publishedAt: null }, 201)
      if (url.startsWith(`/api/official/items/${item.id}/input`)) return answer(input)
      if (url.startsWith(`/api/official/items/${item.id}/answers`)) return answer({ total: 1, page: 1, pageSize: 20, answers: [{ submissionId: crypto.randomUUID(), questionId: 'q4', text: 'Meer hulp', answeredAt: '2026-05-02T08:00:00.000Z', hidden: false, hiddenReason: null, personalData: [] }] })
      if (url === `/api/official/items/${item.id}`) return answer(item)
      return answer({ error: { code: 'not_found', message: 'no' } }, 404)
    }),
  )
  return calls
}

describe('regional items in the back office', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('a region official can make a new item "for the whole region", and the draft says so to the server', async () => {
    const calls = serve(regionOfficial, regional)
    const { wrapper } = await mountPage(ItemEditPage, '/beheer/items/nieuw')
    await settle()
    const choice = wrapper.find('[data-testid="item-for-region"] input[type="checkbox"]')
    expect(wrapper.find('[data-testid="item-for-region"]').text()).toBe('Voor de hele regio IJmond')
    await choice.setValue(true)
    await wrapper.find('#item-title').setValue('Rondkomen in de IJmond')
    await wrapper.find('#item-summary').setValue('Wat zou u helpen?')
    await wrapper.find('#item-theme').setValue('rondkomen')
    await wrapper.find('[data-action="save"]').trigger('click')
    await settle()
    const created = calls.find((c) => c.method === 'POST' && c.url === '/api/official/items')
    expect(created?.body).toMatchObject({ title: 'Rondkomen in de IJmond', forRegion: true })
  })

  it('an official who is no region official gets no region choice', async () => {
    serve(plainOfficial, regional)
    const { wrapper } = await mountPage(ItemEditPage, '/beheer/items/nieuw')
    await settle()
    expect(wrapper.find('[data-testid="item-for-region"]').exists()).toBe(false)
  })

  it('a regional item that is read-only for this official shows as residents see it, with no way to edit, publish or close it', async () => {
    serve(plainOfficial, { ...regional, readOnly: true })
    const { wrapper } = await mountPage(ItemEditPage, `/beheer/items/${regional.id}`, { id: regional.id })
    await settle()
    expect(wrapper.find('[data-testid="read-only"]').text()).toContain('Dit item is voor de hele regio IJmond.')
    expect(wrapper.find('form.mp-edit-form').exists()).toBe(false)
    for (const action of ['save', 'publish', 'close']) expect(wrapper.find(`[data-action="${action}"]`).exists(), action).toBe(false)
    expect(wrapper.findAll('a').map((a) => a.text())).not.toContain('Terugkoppeling')
  })

  it('the input of a regional item is split by municipality, named, and its open answers are not moderated when read-only', async () => {
    serve(plainOfficial, { ...regional, readOnly: true })
    const { wrapper } = await mountPage(ItemInputPage, `/beheer/items/${regional.id}/inbreng`, { id: regional.id })
    await settle()
    const section = wrapper.find('section[aria-labelledby="by-municipality"]')
    expect(section.find('h2').text()).toBe('Per gemeente')
    const rows = section.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()))
    expect(rows.map((r) => r[0])).toEqual(['Beverwijk', 'Velsen', 'Niet ingevuld'])
    expect(wrapper.text()).toContain('Meer hulp')
    expect(wrapper.find('.mp-answer__hide').exists()).toBe(false)
  })
})
