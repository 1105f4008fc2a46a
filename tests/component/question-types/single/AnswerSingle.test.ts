import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerSingle from '../../../../src/client/question-types/single/AnswerSingle.vue'
import { resetLocale, singleQuestion } from '../../fixtures'

describe('AnswerSingle', () => {
  beforeEach(resetLocale)

  it('emits the id of the chosen option from a labelled radio group', async () => {
    const wrapper = mount(AnswerSingle, { props: { question: singleQuestion } })
    expect(wrapper.find('fieldset legend').text()).toContain(singleQuestion.label)
    expect(wrapper.find('legend').text()).toContain('(verplicht)')
    const radios = wrapper.findAll('input[type="radio"]')
    expect(radios).toHaveLength(2)
    await radios[1]!.setValue(true)
    expect(wrapper.emitted('update:modelValue')).toEqual([['nee']])
  })

  it('ties an error to the group and marks the inputs invalid', () => {
    const wrapper = mount(AnswerSingle, { props: { question: singleQuestion, error: 'Geef een antwoord op deze vraag.' } })
    expect(wrapper.find('fieldset').attributes('aria-describedby')).toBe('q-q1-error')
    expect(wrapper.find('#q-q1-error').text()).toContain('Geef een antwoord op deze vraag.')
    expect(wrapper.find('input').attributes('aria-invalid')).toBe('true')
  })
})
