import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import FeedbackForm from '../../../src/client/beheer/components/FeedbackForm.vue'
import { FeedbackInputSchema, type FeedbackInput } from '../../../src/shared/schemas/feedback'
import { resetLocale } from '../fixtures'

function mountForm(withRecommendations = true): VueWrapper {
  return mount(FeedbackForm, { props: { idBase: 'fb', submitLabel: 'Publiceren', busy: false, withRecommendations }, attachTo: document.body })
}

describe('FeedbackForm with recommendations', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('requires a reason for a recommendation that is not adopted', async () => {
    const wrapper = mountForm()
    await wrapper.find('#fb-summary').setValue('We nemen het meeste advies van de tafel over.')
    await wrapper.find('[data-action="add-recommendation"]').trigger('click')
    await wrapper.find('textarea[id^="fb-rec-"][id$="-recommendation"]').setValue('Een vast loket in elke wijk.')
    expect(wrapper.find('textarea[id$="-reason"]').exists()).toBe(false)
    await wrapper.find('input[name^="fb-rec-"][value="not_adopted"]').setValue(true)
    const reason = wrapper.find('textarea[id^="fb-rec-"][id$="-reason"]')
    expect(reason.exists()).toBe(true)

    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')).toBeUndefined()
    expect(wrapper.find('.mp-summary').text()).toContain('Advies 1: schrijf waarom het (deels) niet is overgenomen.')
    expect(reason.attributes('aria-invalid')).toBe('true')

    await reason.setValue('Daar is geen geld voor in 2027.')
    await wrapper.find('form').trigger('submit')
    const entry = wrapper.emitted('submit')?.[0]?.[0] as FeedbackInput
    expect(FeedbackInputSchema.parse(entry)).toEqual(entry)
    expect(entry.recommendations).toEqual([{ recommendation: 'Een vast loket in elke wijk.', outcome: 'not_adopted', reason: 'Daar is geen geld voor in 2027.' }])
  })

  it('sends no reason for an adopted recommendation, and no editor without the option', async () => {
    const wrapper = mountForm()
    await wrapper.find('#fb-summary').setValue('We nemen het advies van de tafel over.')
    await wrapper.find('[data-action="add-recommendation"]').trigger('click')
    await wrapper.find('textarea[id$="-recommendation"]').setValue('Meer bankjes.')
    await wrapper.find('form').trigger('submit')
    expect((wrapper.emitted('submit')?.[0]?.[0] as FeedbackInput).recommendations).toEqual([{ recommendation: 'Meer bankjes.', outcome: 'adopted' }])
    expect(mountForm(false).find('[data-testid="recommendations-editor"]').exists()).toBe(false)
  })
})
