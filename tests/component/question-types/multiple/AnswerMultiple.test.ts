import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerMultiple from '../../../../src/client/question-types/multiple/AnswerMultiple.vue'
import type { AnswerValue } from '../../../../src/shared/schemas/question'
import { multipleQuestion, resetLocale } from '../../fixtures'

function mountWithModel() {
  const wrapper = mount(AnswerMultiple, {
    props: {
      question: multipleQuestion,
      modelValue: [] as AnswerValue,
      'onUpdate:modelValue': (value: AnswerValue) => wrapper.setProps({ modelValue: value }),
    },
  })
  return wrapper
}

describe('AnswerMultiple', () => {
  beforeEach(resetLocale)

  it('emits the chosen option ids in the order of the options', async () => {
    const wrapper = mountWithModel()
    const boxes = wrapper.findAll('input[type="checkbox"]')
    await boxes[2]!.setValue(true)
    await boxes[0]!.setValue(true)
    expect(wrapper.emitted('update:modelValue')).toEqual([[['sport']], [['fiets', 'sport']]])
    await boxes[2]!.setValue(false)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([['fiets']])
  })

  it('never lets the resident choose more than max, and says why', async () => {
    const wrapper = mountWithModel()
    expect(wrapper.text()).toContain('Kies er hoogstens 2.')
    const boxes = wrapper.findAll('input[type="checkbox"]')
    await boxes[0]!.setValue(true)
    await boxes[1]!.setValue(true)
    expect((boxes[2]!.element as HTMLInputElement).disabled).toBe(true)
    expect(wrapper.find('[role="status"]').text()).toContain('Je hebt er 2 gekozen.')
    await boxes[2]!.trigger('change')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([['fiets', 'hang']])
  })
})
