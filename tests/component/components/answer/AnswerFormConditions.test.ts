import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import AnswerForm from '../../../../src/client/components/answer/AnswerForm.vue'
import type { Question } from '../../../../src/shared/question-types/registry'
import { matrixQuestion, resetLocale, singleQuestion, textQuestion } from '../../fixtures'

/** q1 (ja/nee) decides whether the required q4 is asked; q6 (a matrix) is always asked. */
const followUp: Question = { ...textQuestion, required: true, label: 'Waarom vind je dat?', showIf: { questionId: 'q1', anyOf: ['ja'] } }
const questions: Question[] = [singleQuestion, followUp, { ...matrixQuestion, required: false }]
const radio = (wrapper: ReturnType<typeof mount>, value: string) => wrapper.find(`input[name="q-q1"][value="${value}"]`)

describe('AnswerForm with conditions', () => {
  beforeEach(resetLocale)

  it('shows a conditional question only while its condition holds, and says so when it appears', async () => {
    const wrapper = mount(AnswerForm, { props: { questions, send: () => Promise.resolve() } })
    expect(wrapper.find('#q-q4').exists()).toBe(false)
    await radio(wrapper, 'ja').setValue(true)
    expect(wrapper.find('#q-q4').exists()).toBe(true)
    expect(wrapper.find('[data-testid="question-appeared"]').text()).toBe('Er is een vraag bijgekomen: Waarom vind je dat?')
    await radio(wrapper, 'nee').setValue(true)
    expect(wrapper.find('#q-q4').exists()).toBe(false)
  })

  it('does not require a hidden question', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, send } })
    await radio(wrapper, 'nee').setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({ q1: 'nee' })
  })

  it('requires the conditional question while it is shown', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, send }, attachTo: document.body })
    await radio(wrapper, 'ja').setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).not.toHaveBeenCalled()
    expect(wrapper.find('.mp-summary').text()).toContain('Waarom vind je dat? Geef een antwoord op deze vraag.')
    wrapper.unmount()
  })

  it('clears and does not send the answer of a question that became hidden', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, send } })
    await radio(wrapper, 'ja').setValue(true)
    await wrapper.find('#q-q4-input').setValue('Omdat het over ons gaat')
    await radio(wrapper, 'nee').setValue(true)
    await radio(wrapper, 'ja').setValue(true)
    // Shown again, it starts empty: the old text was cleared when the question was hidden.
    expect((wrapper.find('#q-q4-input').element as HTMLTextAreaElement).value).toBe('')
    await wrapper.find('#q-q4-input').setValue('Tweede keer')
    await radio(wrapper, 'nee').setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({ q1: 'nee' })
  })

  it('drops an earlier answer to a question that is no longer asked when the resident changes the answer', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, initial: { q1: 'nee', q4: 'oud', q6: { veilig: 3 } }, send } })
    expect(wrapper.find('#q-q4').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({ q1: 'nee', q6: { veilig: 3 } })
  })

  it('asks for every statement of a required matrix', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions: [matrixQuestion], send }, attachTo: document.body })
    await wrapper.findAll('fieldset.mp-matrix__row')[0]!.findAll('input')[2]!.setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).not.toHaveBeenCalled()
    expect(wrapper.find('.mp-summary').text()).toContain('Geef bij elke zin een antwoord.')
    wrapper.unmount()
  })
})
