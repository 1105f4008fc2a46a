import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import AnswerForm from '../../../../src/client/components/answer/AnswerForm.vue'
import { multipleQuestion, resetLocale, singleQuestion, textQuestion } from '../../fixtures'

const questions = [singleQuestion, multipleQuestion, textQuestion]

describe('AnswerForm', () => {
  beforeEach(resetLocale)

  it('blocks sending while a required question is open, with a visible message', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, send }, attachTo: document.body })
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(send).not.toHaveBeenCalled()
    expect(wrapper.find('.mp-summary').text()).toContain('Nog niet alles is goed ingevuld')
    expect(wrapper.find('.mp-summary').text()).toContain(`${singleQuestion.label} Geef een antwoord op deze vraag.`)
    expect(wrapper.find('#q-q1-error').text()).toContain('Geef een antwoord op deze vraag.')
    expect(wrapper.find('#q-q1').attributes('aria-describedby')).toBe('q-q1-error')
    expect(document.activeElement).toBe(wrapper.find('.mp-summary').element)
    wrapper.unmount()
  })

  it('sends only the answered questions once everything is valid', async () => {
    const send = vi.fn(() => Promise.resolve())
    const wrapper = mount(AnswerForm, { props: { questions, send } })
    await wrapper.findAll('input[type="radio"]')[0]!.setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({ q1: 'ja' })
  })

  it('keeps the answers and explains when saving on the phone fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const send = vi.fn(() => Promise.reject(new Error('QuotaExceededError')))
    const wrapper = mount(AnswerForm, { props: { questions, send } })
    await wrapper.findAll('input[type="radio"]')[1]!.setValue(true)
    await wrapper.find('textarea').setValue('Meer licht')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(wrapper.find('[role="alert"]').text()).toContain('Je antwoord is niet opgeslagen.')
    expect((wrapper.findAll('input[type="radio"]')[1]!.element as HTMLInputElement).checked).toBe(true)
    expect((wrapper.find('textarea').element as HTMLTextAreaElement).value).toBe('Meer licht')
  })

  it('starts from an earlier answer when the resident changes it', () => {
    const wrapper = mount(AnswerForm, { props: { questions, initial: { q1: 'nee', q2: ['hang'] }, send: () => Promise.resolve() } })
    expect((wrapper.findAll('input[type="radio"]')[1]!.element as HTMLInputElement).checked).toBe(true)
    expect((wrapper.findAll('input[type="checkbox"]')[1]!.element as HTMLInputElement).checked).toBe(true)
  })
})
