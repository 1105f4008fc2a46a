import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import QuestionBuilder from '../../../src/client/beheer/components/QuestionBuilder.vue'
import { ItemDraftSchema, questionListProblems } from '../../../src/shared/schemas/item-draft'
import type { Question } from '../../../src/shared/question-types/registry'
import { resetLocale } from '../fixtures'

/** Mounts the builder with its v-model wired, like a page would. */
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
  const questions = () => current
  return { wrapper, questions }
}

/** The options of a question that has them (the question list is a union of types). */
const optionsOf = (q: Question | undefined) => (q && 'options' in q ? q.options : undefined)

const draft = (questions: Question[]) => ({
  kind: 'poll',
  title: 'Hangplekken',
  summary: 'Een korte peiling.',
  theme: 'jeugd',
  ladder: 'raadplegen',
  phase: 'agenda',
  opensAt: '2026-05-01T08:00:00.000Z',
  closesAt: '2026-05-15T08:00:00.000Z',
  feedbackDueAt: '2026-06-01T08:00:00.000Z',
  resultsVisibility: 'after_close',
  questions,
})

describe('QuestionBuilder', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('adds one question of each type with the fields its type needs', async () => {
    const { wrapper, questions } = mountBuilder()
    for (const type of ['single', 'multiple', 'scale', 'text']) await wrapper.find(`[data-add-question="${type}"]`).trigger('click')
    expect(questions().map((q) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'scale'],
      ['q4', 'text'],
    ])
    expect(optionsOf(questions()[0])).toHaveLength(2)
    expect(questions()[2]).toMatchObject({ min: 1, max: 5 })
    expect(questions()[3]).toMatchObject({ max: 500 })
    expect(wrapper.findAll('fieldset legend').map((l) => l.text())).toContain('Vraag 3: Schaal')
  })

  it('moves focus to the text field of a new question', async () => {
    const { wrapper } = mountBuilder()
    await wrapper.find('[data-add-question="text"]').trigger('click')
    await flushPromises()
    expect(document.activeElement?.id).toBe('qb-q1-label')
  })

  it('reorders questions with the up and down buttons and keeps focus on the moved question', async () => {
    const { wrapper, questions } = mountBuilder()
    for (const type of ['single', 'scale', 'text']) await wrapper.find(`[data-add-question="${type}"]`).trigger('click')
    await wrapper.find('#qb-q3-up').trigger('click')
    expect(questions().map((q) => q.id)).toEqual(['q1', 'q3', 'q2'])
    await flushPromises()
    expect(document.activeElement?.id).toBe('qb-q3-up')
    await wrapper.find('#qb-q1-down').trigger('click')
    expect(questions().map((q) => q.id)).toEqual(['q3', 'q1', 'q2'])
    expect(wrapper.find('#qb-q3-up').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('De vraag staat nu op plaats 2.')
  })

  it('removes a question and keeps the ids of the others', async () => {
    const { wrapper, questions } = mountBuilder()
    for (const type of ['single', 'multiple', 'text']) await wrapper.find(`[data-add-question="${type}"]`).trigger('click')
    await wrapper.find('#qb-q2-remove').trigger('click')
    expect(questions().map((q) => q.id)).toEqual(['q1', 'q3'])
    await wrapper.find('[data-add-question="scale"]').trigger('click')
    expect(questions().map((q) => q.id)).toEqual(['q1', 'q3', 'q4'])
  })

  it('adds, reorders and removes options', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="multiple"]').trigger('click')
    await wrapper.find('#qb-q1-add-option').trigger('click')
    await wrapper.find('#qb-q1-o1-label').setValue('Fietspaden')
    await wrapper.find('#qb-q1-o2-label').setValue('Hangplekken')
    await wrapper.find('#qb-q1-o3-label').setValue('Sportveld')
    await wrapper.find('#qb-q1-o3-up').trigger('click')
    expect(optionsOf(questions()[0])?.map((o) => o.label)).toEqual(['Fietspaden', 'Sportveld', 'Hangplekken'])
    await wrapper.find('#qb-q1-o1-remove').trigger('click')
    expect(optionsOf(questions()[0])).toEqual([
      { id: 'o3', label: 'Sportveld' },
      { id: 'o2', label: 'Hangplekken' },
    ])
  })

  it('emits questions that pass the server schema once the texts are filled in', async () => {
    const { wrapper, questions } = mountBuilder()
    for (const type of ['single', 'multiple', 'scale', 'text']) await wrapper.find(`[data-add-question="${type}"]`).trigger('click')
    // Empty texts are not valid yet: the schema must refuse them.
    expect(ItemDraftSchema.safeParse(draft(questions())).success).toBe(false)

    await wrapper.find('#qb-q1-label').setValue('Vind je meepraten belangrijk?')
    await wrapper.find('#qb-q1-o1-label').setValue('Ja')
    await wrapper.find('#qb-q1-o2-label').setValue('Nee')
    await wrapper.find('input[name="qb-q1-required"]').setValue(true)
    await wrapper.find('#qb-q2-label').setValue('Welke plekken zijn belangrijk?')
    await wrapper.find('#qb-q2-o1-label').setValue('Fietspaden')
    await wrapper.find('#qb-q2-o2-label').setValue('Hangplekken')
    await wrapper.find('#qb-q2-max').setValue('2')
    await wrapper.find('#qb-q3-label').setValue('Hoe tevreden ben je?')
    await wrapper.find('#qb-q3-max').setValue('7')
    await wrapper.find('#qb-q3-min-label').setValue('Niet')
    await wrapper.find('#qb-q3-max-label').setValue('Heel erg')
    await wrapper.find('input[name="qb-q3-smileys"]').setValue(true)
    await wrapper.find('#qb-q4-label').setValue('Wil je nog iets zeggen?')
    await wrapper.find('#qb-q4-max').setValue('300')
    await wrapper.find('#qb-q4-up').trigger('click')

    const result = questions()
    expect(questionListProblems(result)).toEqual([])
    expect(ItemDraftSchema.safeParse(draft(result)).success).toBe(true)
    expect(result.map((q) => q.id)).toEqual(['q1', 'q2', 'q4', 'q3'])
    expect(result[0]).toMatchObject({ required: true })
    expect(result[1]).toMatchObject({ type: 'multiple', max: 2 })
    expect(result[3]).toEqual({ id: 'q3', type: 'scale', label: 'Hoe tevreden ben je?', required: false, min: 1, max: 7, minLabel: 'Niet', maxLabel: 'Heel erg', smileys: true })
  })

  it('drops the settings of the old type when the type changes', async () => {
    const { wrapper, questions } = mountBuilder()
    await wrapper.find('[data-add-question="scale"]').trigger('click')
    await wrapper.find('#qb-q1-type').setValue('multiple')
    expect(questions()[0]).toEqual({ id: 'q1', type: 'multiple', label: '', required: false, options: [{ id: 'o1', label: '' }, { id: 'o2', label: '' }] })
  })

  it('shows B1 hints for a long question, tied to the field', async () => {
    const { wrapper } = mountBuilder()
    await wrapper.find('[data-add-question="text"]').trigger('click')
    await wrapper.find('#qb-q1-label').setValue('Wat vind je van het participatiebeleid?')
    expect(wrapper.find('#qb-q1-label-b1').text()).toContain('participatiebeleid')
    expect(wrapper.find('#qb-q1-label').attributes('aria-describedby')).toContain('qb-q1-label-b1')
  })
})
