import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerText from '../../../../src/client/question-types/text/AnswerText.vue'
import { DEFAULT_TEXT_MAX } from '../../../../src/shared/schemas/question'
import { resetLocale, textQuestion } from '../../fixtures'

describe('AnswerText', () => {
  beforeEach(resetLocale)

  it('emits the typed text and counts the characters against max', async () => {
    const wrapper = mount(AnswerText, {
      props: { question: textQuestion, modelValue: '', 'onUpdate:modelValue': (v: unknown) => wrapper.setProps({ modelValue: v as string }) },
    })
    const textarea = wrapper.find('textarea')
    expect(wrapper.find('label').text()).toContain(textQuestion.label)
    expect(textarea.attributes('maxlength')).toBe('20')
    expect(wrapper.text()).toContain('0 van 20 tekens')
    await textarea.setValue('Meer bankjes')
    expect(wrapper.emitted('update:modelValue')).toEqual([['Meer bankjes']])
    expect(wrapper.text()).toContain('12 van 20 tekens')
  })

  it('warns not to write names and reads the warning and counter with the field', () => {
    const wrapper = mount(AnswerText, { props: { question: textQuestion } })
    expect(wrapper.find('#q-q4-warning').text()).toContain('Schrijf geen namen of andere persoonlijke gegevens.')
    expect(wrapper.find('textarea').attributes('aria-describedby')).toBe('q-q4-warning q-q4-personal q-q4-counter')
  })

  it('uses the default maximum when the question sets none', () => {
    const { max: _max, ...question } = textQuestion
    const wrapper = mount(AnswerText, { props: { question } })
    expect(wrapper.text()).toContain(`0 van ${DEFAULT_TEXT_MAX} tekens`)
  })
})
