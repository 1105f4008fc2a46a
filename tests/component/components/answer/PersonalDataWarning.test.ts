import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../../src/client/i18n'
import AnswerText from '../../../../src/client/question-types/text/AnswerText.vue'
import { resetLocale, textQuestion } from '../../fixtures'

const question = { ...textQuestion, max: 500 }

function mountAnswer() {
  const wrapper = mount(AnswerText, {
    props: { question, modelValue: '', 'onUpdate:modelValue': (v: unknown) => wrapper.setProps({ modelValue: v as string }) },
    attachTo: document.body,
  })
  return wrapper
}

describe('the warning about personal data in a text answer', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('names a phone number the resident typed, in a polite live region, without moving focus', async () => {
    const wrapper = mountAnswer()
    const region = wrapper.find('[data-testid="personal-data-warning"]')
    // The region is there before anything is found, so screen readers pick up the change.
    expect(region.attributes('role')).toBe('status')
    expect(region.attributes('aria-live')).toBe('polite')
    expect(region.text()).toBe('')
    const textarea = wrapper.find('textarea')
    ;(textarea.element as HTMLTextAreaElement).focus()
    await textarea.setValue('Graag meer licht. Bel me op 06-12345678')
    expect(region.text()).toBe(
      '! Het lijkt erop dat je een telefoonnummer noemt. Medewerkers van de gemeente lezen je antwoord. Wil je dat niet? Haal het dan weg. Je kunt je antwoord ook zo versturen.',
    )
    expect(document.activeElement).toBe(textarea.element)
    expect(textarea.attributes('aria-describedby')).toContain('q-q4-personal')
  })

  it('names every kind found, joined in plain words', async () => {
    const wrapper = mountAnswer()
    await wrapper.find('textarea').setValue('Mail jan@example.nl, ik woon op 1234 AB 12, bsn 111222333')
    expect(wrapper.find('[data-testid="personal-data-warning"]').text()).toContain('je een e-mailadres, een postcode met huisnummer en een burgerservicenummer (BSN) noemt')
  })

  it('stays quiet for an ordinary answer and for numbers that only look like personal data', async () => {
    const wrapper = mountAnswer()
    await wrapper.find('textarea').setValue('In 2024 kwamen 45 mensen; bus 12 om 08:15, ordernummer 111222334')
    expect(wrapper.find('[data-testid="personal-data-warning"]').text()).toBe('')
  })

  it('speaks the resident’s language', async () => {
    i18n.setLocale('en')
    const wrapper = mountAnswer()
    await wrapper.find('textarea').setValue('IBAN NL91ABNA0417164300')
    expect(wrapper.find('[data-testid="personal-data-warning"]').text()).toContain('It looks like you mention a bank account number (IBAN).')
  })
})
