import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerScale from '../../../../src/client/question-types/scale/AnswerScale.vue'
import { resetLocale, scaleQuestion } from '../../fixtures'

describe('AnswerScale', () => {
  beforeEach(resetLocale)

  it('offers min..max as radio buttons with labelled ends and emits a number', async () => {
    const wrapper = mount(AnswerScale, { props: { question: scaleQuestion } })
    const points = wrapper.findAll('label')
    expect(points.map((p) => p.find('.mp-visually-hidden').text())).toEqual([
      '1, Helemaal niet',
      '2',
      '3',
      '4',
      '5, Heel erg',
    ])
    expect(wrapper.find('#q-q3-hint').text()).toBe('Kies een getal van 1 (Helemaal niet) tot en met 5 (Heel erg).')
    await wrapper.findAll('input[type="radio"]')[3]!.setValue(true)
    expect(wrapper.emitted('update:modelValue')).toEqual([[4]])
  })

  it('draws smileys as decoration with a spoken text alternative', () => {
    const wrapper = mount(AnswerScale, { props: { question: { ...scaleQuestion, smileys: true } } })
    const first = wrapper.findAll('label')[0]!
    expect(first.find('svg').attributes('aria-hidden')).toBe('true')
    expect(first.find('.mp-visually-hidden').text()).toBe('1, heel ontevreden gezicht, Helemaal niet')
  })
})
