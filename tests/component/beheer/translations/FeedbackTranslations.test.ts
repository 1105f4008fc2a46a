import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import FeedbackForm from '../../../../src/client/beheer/components/FeedbackForm.vue'
import { FeedbackInputSchema, type FeedbackInput } from '../../../../src/shared/schemas/feedback'
import { resetLocale } from '../../fixtures'

describe('FeedbackForm translations', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('writes the summary and the reason per content language, next to the Dutch, and sends them with the entry', async () => {
    const wrapper = mount(FeedbackForm, { props: { idBase: 'fb', submitLabel: 'Publiceren', busy: false, languages: ['ar'] }, attachTo: document.body })
    await wrapper.find('#fb-summary').setValue('Er komt een jongerenavond in elke wijk.')
    await wrapper.find('input[value="not_adopted"]').setValue(true)
    await wrapper.find('#fb-reason').setValue('Daar is in 2027 geen geld voor.')
    const section = wrapper.find('details[data-lang="ar"]')
    expect(section.find('summary').text()).toBe('Vertaling: Arabisch (العربية) — Arabisch: 2 teksten ontbreken')
    const summary = section.find('#fb-tr-ar-summary')
    expect([summary.attributes('lang'), summary.attributes('dir')]).toEqual(['ar', 'rtl'])
    expect(section.find('label[for="fb-tr-ar-reason"]').text()).toBe('Reden in het Arabisch')
    expect(section.find('#fb-tr-ar-reason-nl [lang="nl"]').text()).toBe('Daar is in 2027 geen geld voor.')

    await summary.setValue('ستكون هناك أمسية للشباب في كل حي.')
    expect(section.find('summary').text()).toContain('Arabisch: 1 tekst ontbreekt')
    await wrapper.find('form').trigger('submit')
    const entry = wrapper.emitted('submit')?.[0]?.[0] as FeedbackInput
    expect(FeedbackInputSchema.parse(entry)).toEqual(entry)
    expect(entry.translations).toEqual({ ar: { summary: 'ستكون هناك أمسية للشباب في كل حي.' } })
  })

  it('shows a too short translation in the error summary and at the field', async () => {
    const wrapper = mount(FeedbackForm, { props: { idBase: 'fb', submitLabel: 'Publiceren', busy: false, languages: ['en'] }, attachTo: document.body })
    await wrapper.find('#fb-summary').setValue('Er komt een jongerenavond in elke wijk.')
    await wrapper.find('#fb-tr-en-summary').setValue('Ja')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('submit')).toBeUndefined()
    expect(wrapper.find('.mp-summary').text()).toContain('Samenvatting in het Engels: de tekst is te kort.')
    expect(wrapper.find('#fb-tr-en-summary').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('details[data-lang="en"]').attributes('open')).toBeDefined()
  })
})
