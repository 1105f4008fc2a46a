import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import TableCalendarLink from '../../../../src/client/components/table/TableCalendarLink.vue'
import { resetLocale } from '../../fixtures'

describe('TableCalendarLink', () => {
  beforeEach(resetLocale)

  it('links a member to the meetings as a calendar file, saying in words what it does', () => {
    const id = '0b8e3c1a-5d2f-4e6a-9b7c-1d2e3f4a5b6c'
    const wrapper = mount(TableCalendarLink, { props: { itemId: id } })
    const link = wrapper.get('a')
    expect(link.attributes('href')).toBe(`/api/items/${id}/meetings.ics`)
    expect(link.text()).toBe('Zet in je agenda')
    expect(wrapper.get(`#${link.attributes('aria-describedby')}`).text()).toContain('alle bijeenkomsten')
  })
})
