import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import TextAnswerEntry from '../../../src/client/beheer/components/TextAnswerEntry.vue'
import type { TextAnswer } from '../../../src/shared/schemas/input'
import { findPersonalData } from '../../../src/shared/validation/personal-data'
import { resetLocale } from '../fixtures'

function anAnswer(text: string): TextAnswer {
  return { submissionId: crypto.randomUUID(), questionId: 'q4', text, answeredAt: '2026-06-01T10:00:00.000Z', hidden: false, hiddenReason: null, personalData: findPersonalData(text) }
}

const mountEntry = (answer: TextAnswer) => mount(TextAnswerEntry, { props: { answer, questionLabel: 'Nog iets?' }, attachTo: document.body })

describe('a text answer in the back office', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('labels and marks what looks like personal data', () => {
    const answer = anAnswer('Meer licht. Bel 06-12345678')
    const wrapper = mountEntry(answer)
    expect(wrapper.find(`[data-testid="answer-${answer.submissionId}-q4-flag"]`).text()).toBe('Mogelijk persoonsgegevens: telefoonnummer')
    expect(wrapper.find('mark').text()).toBe('06-12345678')
    expect(wrapper.find(`[data-testid="answer-${answer.submissionId}-q4-text"]`).text()).toBe('Meer licht. Bel 06-12345678')
  })

  it('removes a found part only after a confirm step that takes focus and says what becomes [verwijderd]', async () => {
    const answer = anAnswer('Meer licht. Bel 06-12345678')
    const wrapper = mountEntry(answer)
    await wrapper.findAll('button').find((b) => b.text() === 'Verwijder telefoonnummer “06-12345678”')!.trigger('click')
    expect(wrapper.emitted('redact')).toBeUndefined()
    expect(wrapper.text()).toContain('“06-12345678” wordt “[verwijderd]”. Dit kunt u niet ongedaan maken')
    expect(document.activeElement?.textContent?.trim()).toBe('Ja, verwijderen')
    await wrapper.findAll('button').find((b) => b.text() === 'Ja, verwijderen')!.trigger('click')
    expect(wrapper.emitted('redact')).toEqual([[{ start: 16, end: 27, text: '06-12345678' }]])
  })

  it('removes the whole answer, and cancelling removes nothing', async () => {
    const wrapper = mountEntry(anAnswer('Mijn buurman Jan de Vries is lastig'))
    expect(wrapper.find('mark').exists()).toBe(false)
    const whole = () => wrapper.findAll('button').find((b) => b.text() === 'Verwijder het hele antwoord')!
    await whole().trigger('click')
    await wrapper.findAll('button').find((b) => b.text() === 'Annuleren')!.trigger('click')
    expect(wrapper.emitted('redact')).toBeUndefined()
    await whole().trigger('click')
    await wrapper.findAll('button').find((b) => b.text() === 'Ja, verwijderen')!.trigger('click')
    expect(wrapper.emitted('redact')).toEqual([[undefined]])
  })

  it('offers to remove selected text once the official selects part of the answer', async () => {
    const answer = anAnswer('Mijn buurman Jan de Vries is lastig')
    const wrapper = mountEntry(answer)
    const removeSelected = () => wrapper.findAll('button').find((b) => b.text() === 'Verwijder geselecteerde tekst')!
    expect(removeSelected().attributes('disabled')).toBeDefined()
    const walker = document.createTreeWalker(wrapper.find(`[data-testid="answer-${answer.submissionId}-q4-text"]`).element, NodeFilter.SHOW_TEXT)
    let textNode = walker.nextNode()
    while (textNode && !textNode.textContent?.includes('Jan')) textNode = walker.nextNode()
    if (!textNode) throw new Error('no text node with the answer')
    const range = document.createRange()
    range.setStart(textNode, 13)
    range.setEnd(textNode, 25)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    document.dispatchEvent(new Event('selectionchange'))
    await wrapper.vm.$nextTick()
    await removeSelected().trigger('click')
    await wrapper.findAll('button').find((b) => b.text() === 'Ja, verwijderen')!.trigger('click')
    expect(wrapper.emitted('redact')).toEqual([[{ start: 13, end: 25, text: 'Jan de Vries' }]])
  })
})
