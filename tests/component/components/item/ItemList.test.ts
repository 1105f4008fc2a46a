import { mount, RouterLinkStub } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ItemList from '../../../../src/client/components/item/ItemList.vue'
import { anItem, resetLocale } from '../../fixtures'

describe('ItemList', () => {
  beforeEach(resetLocale)

  it('shows title, summary and closing date of each item, grouped by kind', () => {
    const items = [
      anItem({ kind: 'question', title: 'Hulp vinden', summary: 'Wat maakt het moeilijk?', closesAt: '2099-03-01T12:00:00Z' }),
      anItem({ kind: 'poll', title: 'Hangplekken', summary: 'Waar wil jij afspreken?', closesAt: '2099-02-10T12:00:00Z' }),
      anItem({ kind: 'table', title: 'Tafel mantelzorg', summary: 'Denk mee over respijtzorg.' }),
    ]
    const wrapper = mount(ItemList, { props: { items }, global: { stubs: { RouterLink: RouterLinkStub } } })

    const sections = wrapper.findAll('section')
    expect(sections.map((s) => s.find('h2').text())).toEqual(['Flitspeilingen', 'Themavragen', 'Tijdelijke tafels'])
    expect(sections[0]!.text()).toContain('Hangplekken')
    expect(sections[0]!.text()).toContain('Waar wil jij afspreken?')
    expect(sections[0]!.text()).toContain('Open tot 10 februari 2099')
    expect(sections[1]!.text()).toContain('Hulp vinden')
    expect(sections[1]!.text()).toContain('Open tot 1 maart 2099')
    expect(sections[2]!.text()).toContain('Tafel mantelzorg')
  })

  it('leaves out kinds without items and marks what this phone already answered', () => {
    const answered = anItem({ title: 'Al gedaan' })
    const wrapper = mount(ItemList, {
      props: { items: [answered, anItem()], answeredIds: new Set([answered.id]) },
      global: { stubs: { RouterLink: RouterLinkStub } },
    })
    expect(wrapper.findAll('h2')).toHaveLength(1)
    expect(wrapper.findAll('li')[0]!.text()).toMatch(/Al gedaan|Je hebt dit al ingevuld/)
    expect(wrapper.text()).toContain('Je hebt dit al ingevuld')
  })
})
