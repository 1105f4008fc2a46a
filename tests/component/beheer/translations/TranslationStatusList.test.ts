import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ItemTable from '../../../../src/client/beheer/components/ItemTable.vue'
import type { ContentLanguage } from '../../../../src/shared/schemas/content-language'
import type { ManagedItem } from '../../../../src/shared/schemas/item-draft'
import { i18n } from '../../../../src/client/i18n'
import { resetLocale, singleQuestion } from '../../fixtures'

const item: ManagedItem = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', municipality: 'beverwijk', kind: 'poll', title: 'Wil je meepraten?', summary: 'Een korte peiling.', body: 'Meer uitleg.',
  theme: 'opgroeien', ladder: 'raadplegen', phase: 'agenda', opensAt: '2026-06-01T12:00:00.000Z', closesAt: '2026-06-10T12:00:00.000Z', feedbackDueAt: '2026-07-10T12:00:00.000Z',
  status: 'open', resultsVisibility: 'direct', questions: [singleQuestion], feedback: [], state: 'open', publishedAt: '2026-06-01T12:00:00.000Z', respondents: 3,
  translations: { en: { title: 'Join in?', summary: 'A short poll.', body: 'More.', questions: { q1: { label: 'Important?', options: { ja: 'Yes', nee: 'No' } } } } },
}

const mountTable = (languages?: ContentLanguage[]) => mount(ItemTable, { props: { items: [item], ...(languages ? { languages } : {}) }, global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } })

describe('missing translations on the items list', () => {
  beforeEach(resetLocale)

  it('shows per content language how many texts of the item are missing, or that it is complete', () => {
    const cell = mountTable(['ar', 'en']).find('[data-testid="item-translations"]')
    expect(cell.findAll('li').map((li) => li.text())).toEqual(['Arabisch: 6 teksten ontbreken', 'Engels: compleet'])
    expect(cell.attributes('data-label')).toBe('Vertalingen')
  })

  it('counts one missing text in the singular, and in English in English', () => {
    const oneMissing = { ...item, translations: { pl: { title: 'Chcesz dołączyć?', summary: 'Krótka ankieta.', body: 'Więcej.', questions: { q1: { label: 'Ważne?', options: { ja: 'Tak' } } } } } } as ManagedItem
    const wrapper = mount(ItemTable, { props: { items: [oneMissing], languages: ['pl'] }, global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
    expect(wrapper.find('[data-testid="item-translations"] li').text()).toBe('Pools: 1 tekst ontbreekt')
    i18n.setLocale('en')
    return wrapper.vm.$nextTick().then(() => expect(wrapper.find('[data-testid="item-translations"] li').text()).toBe('Polish: 1 text missing'))
  })

  it('has no translations column when the municipality translates into no language', () => {
    const wrapper = mountTable([])
    expect(wrapper.find('[data-testid="item-translations"]').exists()).toBe(false)
    expect(wrapper.findAll('th').map((th) => th.text())).not.toContain('Vertalingen')
  })
})
