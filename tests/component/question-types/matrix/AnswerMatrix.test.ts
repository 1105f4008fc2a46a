import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import AnswerMatrix from '../../../../src/client/question-types/matrix/AnswerMatrix.vue'
import { matrixQuestion, resetLocale } from '../../fixtures'

describe('AnswerMatrix', () => {
  beforeEach(resetLocale)

  it('asks every statement as its own radio group with the statement as legend', () => {
    const wrapper = mount(AnswerMatrix, { props: { question: matrixQuestion } })
    const outer = wrapper.find('#q-q6')
    expect(outer.element.tagName).toBe('FIELDSET')
    expect(outer.find('legend').text()).toContain(matrixQuestion.label)
    const rows = wrapper.findAll('fieldset.mp-matrix__row')
    expect(rows.map((row) => row.find('legend').text())).toEqual(matrixQuestion.rows.map((r) => r.label))
    for (const [index, row] of rows.entries()) {
      const radios = row.findAll('input[type="radio"]')
      expect(radios).toHaveLength(5)
      // One name per statement: each row is its own group for the arrow keys and screen readers.
      expect(new Set(radios.map((r) => r.attributes('name')))).toEqual(new Set([`q-q6-${matrixQuestion.rows[index]!.id}`]))
    }
    expect(wrapper.find('#q-q6-hint').text()).toBe('Kies bij elke zin een getal van 1 (Helemaal oneens) tot en met 5 (Helemaal eens).')
  })

  it('names the ends of the scale in the spoken labels of the first and last point', () => {
    const wrapper = mount(AnswerMatrix, { props: { question: matrixQuestion } })
    const labels = wrapper.findAll('fieldset.mp-matrix__row')[0]!.findAll('label')
    expect(labels[0]!.find('.mp-visually-hidden').text()).toBe('1, Helemaal oneens')
    expect(labels[4]!.find('.mp-visually-hidden').text()).toBe('5, Helemaal eens')
  })

  it('answers with a value per statement, keeping the statements already answered', async () => {
    const wrapper = mount(AnswerMatrix, { props: { question: matrixQuestion, modelValue: { veilig: 4 } } })
    expect((wrapper.findAll('fieldset.mp-matrix__row')[0]!.findAll('input')[3]!.element as HTMLInputElement).checked).toBe(true)
    await wrapper.findAll('fieldset.mp-matrix__row')[2]!.findAll('input')[1]!.setValue(true)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([{ veilig: 4, buren: 2 }])
  })

  it('marks the statements still open when the question shows an error', () => {
    const wrapper = mount(AnswerMatrix, { props: { question: matrixQuestion, modelValue: { veilig: 4 }, error: 'Geef bij elke zin een antwoord.' } })
    const [first, second] = wrapper.findAll('fieldset.mp-matrix__row')
    expect(first!.find('input').attributes('aria-invalid')).toBeUndefined()
    expect(second!.find('input').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#q-q6').attributes('aria-describedby')).toContain('q-q6-error')
  })
})
