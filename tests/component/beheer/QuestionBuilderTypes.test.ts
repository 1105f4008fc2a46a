import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import QuestionBuilder from '../../../src/client/beheer/components/QuestionBuilder.vue'
import { questionListProblems } from '../../../src/shared/schemas/item-draft'
import type { Question } from '../../../src/shared/question-types/registry'
import { QUESTION_TYPES } from '../../../src/shared/schemas/question'
import { resetLocale } from '../fixtures'

/** Mounts the builder with its v-model wired, like the item page does. */
function mountBuilder(initial: Question[] = []) {
  let current = initial
  const wrapper: VueWrapper = mount(QuestionBuilder, {
    props: {
      modelValue: initial,
      'onUpdate:modelValue': (questions: Question[]) => {
        current = questions
        return wrapper.setProps({ modelValue: questions })
      },
    },
    attachTo: document.body,
  })
  return { wrapper, questions: () => current }
}

describe('QuestionBuilder: ranking, matrix and conditions', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('offers every question type of the shared registry', () => {
    const { wrapper } = mountBuilder()
    expect(wrapper.findAll('[data-add-question]').map((b) => b.attributes('data-add-question'))).toEqual([...QUESTION_TYPES])
    expect(wrapper.find('[data-add-question="ranking"]').text()).toContain('Volgorde')
    expect(wrapper.find('[data-add-question="matrix"]').text()).toContain('Zinnen op een schaal')
  })

  it('builds a ranking with its options and how many are ranked', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="ranking"]').trigger('click')
    await wrapper.find('#qb-q1-label').setValue('Wat is het belangrijkst?')
    await wrapper.find('#qb-q1-add-option').trigger('click')
    for (const [n, label] of ['Kinderopvang', 'Sportclubs', 'Busvervoer'].entries()) await wrapper.find(`#qb-q1-o${n + 1}-label`).setValue(label)
    await wrapper.find('#qb-q1-max').setValue('2')
    expect(questions()[0]).toEqual({
      id: 'q1',
      type: 'ranking',
      label: 'Wat is het belangrijkst?',
      required: false,
      max: 2,
      options: [
        { id: 'o1', label: 'Kinderopvang' },
        { id: 'o2', label: 'Sportclubs' },
        { id: 'o3', label: 'Busvervoer' },
      ],
    })
    await wrapper.find('#qb-q1-max').setValue('')
    expect(questions()[0]).not.toHaveProperty('max')
    expect(questionListProblems(questions())).toEqual([])
  })

  it('builds a matrix with statements (add, reorder, remove) and one scale', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="matrix"]').trigger('click')
    await wrapper.find('#qb-q1-label').setValue('Wat vind je van je wijk?')
    await wrapper.find('#qb-q1-add-row').trigger('click')
    await flushPromises()
    expect(document.activeElement?.id).toBe('qb-q1-r3-label')
    for (const [n, label] of ['Ik voel me veilig.', 'De straat is schoon.', 'Ik ken mijn buren.'].entries()) await wrapper.find(`#qb-q1-r${n + 1}-label`).setValue(label)
    await wrapper.find('#qb-q1-r3-up').trigger('click')
    expect(wrapper.text()).toContain('De zin staat nu op plaats 2.')
    await wrapper.find('#qb-q1-r2-remove').trigger('click')
    await wrapper.find('#qb-q1-max').setValue('4')
    await wrapper.find('#qb-q1-min-label').setValue('Oneens')
    await wrapper.find('#qb-q1-max-label').setValue('Eens')
    expect(questions()[0]).toEqual({
      id: 'q1',
      type: 'matrix',
      label: 'Wat vind je van je wijk?',
      required: false,
      min: 1,
      max: 4,
      minLabel: 'Oneens',
      maxLabel: 'Eens',
      rows: [
        { id: 'r1', label: 'Ik voel me veilig.' },
        { id: 'r3', label: 'Ik ken mijn buren.' },
      ],
    })
    expect(wrapper.find('#qb-q1 legend, fieldset legend').text()).toContain('Vraag 1: Zinnen op een schaal')
    expect(questionListProblems(questions())).toEqual([])
  })

  it('lets an official show a question only after a given answer to an earlier question with options', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="single"]').trigger('click')
    await wrapper.find('#qb-q1-label').setValue('Heb je kinderen?')
    await wrapper.find('#qb-q1-o1-label').setValue('Ja')
    await wrapper.find('#qb-q1-o2-label').setValue('Nee')
    // The first question has nothing before it to depend on.
    expect(wrapper.find('#qb-q1-condition').exists()).toBe(false)
    await wrapper.find('[data-add-question="scale"]').trigger('click')
    await wrapper.find('[data-add-question="text"]').trigger('click')
    await wrapper.find('#qb-q3-label').setValue('Wat mis je voor je kinderen?')

    const choices = wrapper.find('#qb-q3-condition').findAll('option').map((o) => o.text())
    // Only questions with options: the scale (q2) cannot be a condition.
    expect(choices).toEqual(['Altijd', 'Alleen na een antwoord op vraag 1: Heb je kinderen?'])
    await wrapper.find('#qb-q3-condition').setValue('q1')
    expect(questions()[2]?.showIf).toEqual({ questionId: 'q1', anyOf: ['o1'] })

    // The last chosen answer cannot be unticked: a condition needs at least one.
    const boxes = () => wrapper.findAll('input[name="qb-q3-condition-any"]')
    expect(boxes()[0]!.attributes('disabled')).toBeDefined()
    await boxes()[1]!.setValue(true)
    expect(questions()[2]?.showIf).toEqual({ questionId: 'q1', anyOf: ['o1', 'o2'] })
    await boxes()[0]!.setValue(false)
    expect(questions()[2]?.showIf).toEqual({ questionId: 'q1', anyOf: ['o2'] })
    expect(questionListProblems(questions())).toEqual([])

    await wrapper.find('#qb-q3-condition').setValue('')
    expect(questions()[2]).not.toHaveProperty('showIf')
  })

  it('keeps the condition when the type changes, and says when its question is no longer above it', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="multiple"]').trigger('click')
    await wrapper.find('[data-add-question="text"]').trigger('click')
    await wrapper.find('#qb-q2-condition').setValue('q1')
    await wrapper.find('#qb-q2-type').setValue('matrix')
    expect(questions()[1]).toMatchObject({ type: 'matrix', showIf: { questionId: 'q1', anyOf: ['o1'] } })
    await wrapper.find('#qb-q2-up').trigger('click')
    expect(questions().map((q) => q.id)).toEqual(['q2', 'q1'])
    expect(wrapper.find('#qb-q2-condition-error').text()).toContain('staat er niet meer boven')
    expect(questionListProblems(questions())).toContain('question q2: its condition must refer to an earlier question')
  })
})
