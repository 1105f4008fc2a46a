import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import ItemExpectations from '../../../../src/client/components/item/ItemExpectations.vue'
import { i18n } from '../../../../src/client/i18n'
import { anItem, resetLocale } from '../../fixtures'

describe('ItemExpectations', () => {
  beforeEach(resetLocale)

  it('explains the ladder step, the phase and when the resident hears back', () => {
    const item = anItem({ ladder: 'adviseren', phase: 'beleidsvorming', feedbackDueAt: '2099-07-01T10:00:00Z' })
    const wrapper = mount(ItemExpectations, { props: { item, open: true } })
    const text = wrapper.text()
    expect(wrapper.find('h2').text()).toBe('Wat gebeurt er met je antwoord')
    expect(text).toContain('Stap 3 van 5: Adviseren')
    expect(text).toContain('De gemeente moet uitleggen wat ze met je advies doet.')
    expect(text).toContain('Waar staat het plan? Plan maken')
    expect(text).toContain('Je hoort uiterlijk 1 juli 2099 wat we ermee doen.')
    expect(text).toContain('Je kunt antwoorden tot 15 juni 2099')
  })

  it('tells residents that the feedback comes later, why, and the date first promised', () => {
    const item = anItem({ feedbackDueAt: '2099-07-15T10:00:00Z', feedbackDelay: { reason: 'De gemeenteraad besluit twee weken later.', firstDueAt: '2099-07-01T10:00:00Z' } })
    const text = mount(ItemExpectations, { props: { item, open: true } }).find('[data-testid="feedback-delay"]').text()
    expect(text).toContain('De terugkoppeling komt later: De gemeenteraad besluit twee weken later.')
    expect(text).toContain('Eerst was 1 juli 2099 beloofd.')
  })

  it('says so in English after a language switch', async () => {
    const wrapper = mount(ItemExpectations, { props: { item: anItem({ ladder: 'meebeslissen' }), open: true } })
    i18n.setLocale('en')
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('Step 5 of 5: Deciding together')
    expect(wrapper.text()).toContain('You will hear by 1 July 2099 what we do with it.')
  })
})
