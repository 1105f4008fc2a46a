import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ItemTranslationsEditor from '../../../../src/client/beheer/components/translations/ItemTranslationsEditor.vue'
import type { ContentLanguage, ItemTranslations } from '../../../../src/shared/schemas/content-language'
import { resetLocale, scaleQuestion, singleQuestion } from '../../fixtures'

const source = { title: 'Wil je meepraten?', summary: 'Een korte peiling.', body: '', questions: [singleQuestion, { ...scaleQuestion, minLabel: 'Niet', maxLabel: 'Heel erg' }] }

function mountEditor(translations: ItemTranslations | undefined, languages: readonly ContentLanguage[] = ['ar', 'en']) {
  return mount(ItemTranslationsEditor, { props: { languages, source, translations }, attachTo: document.body })
}

describe('ItemTranslationsEditor', () => {
  beforeEach(resetLocale)
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a section "Vertaling: <taal>" per language with each Dutch text next to its field, in the language and direction of the translation', () => {
    const wrapper = mountEditor(undefined)
    const sections = wrapper.findAll('section.mp-translation')
    expect(sections.map((s) => s.find('h2').text())).toEqual(['Vertaling: Arabisch (العربية)', 'Vertaling: Engels (English)'])
    const arabic = sections[0]!
    const title = arabic.find('#tr-ar-title')
    expect([title.attributes('lang'), title.attributes('dir')]).toEqual(['ar', 'rtl'])
    expect(sections[1]!.find('#tr-en-title').attributes('dir')).toBe('ltr')
    // The label names the text it translates, without a stray colon; the Dutch text describes it.
    expect(arabic.find('label[for="tr-ar-title"]').text()).toBe('Titel in het Arabisch')
    expect(arabic.find('label[for="tr-ar-questions-q1-options-ja"]').text()).toBe('Vraag 1, keuze ‘Ja’, in het Arabisch')
    expect(arabic.find('label[for="tr-ar-questions-q3-minLabel"]').text()).toBe('Vraag 2, tekst bij de laagste waarde, in het Arabisch')
    const described = title.attributes('aria-describedby')!.split(' ')
    expect(arabic.find(`#${described[0]}`).text()).toBe('Nederlands Wil je meepraten?')
    expect(arabic.find(`#${described[0]} [lang="nl"]`).text()).toBe('Wil je meepraten?')
    for (const label of wrapper.findAll('label')) expect(label.text()).not.toMatch(/:\s*$/)
    // Title, summary, two question labels, two options, two end labels: no body, so no body field.
    expect(arabic.findAll('input, textarea')).toHaveLength(8)
    expect(arabic.find('#tr-ar-body').exists()).toBe(false)
    // Each question's fields are a fieldset named after the question; the item's own texts are not in one.
    expect(arabic.findAll('fieldset > legend').map((l) => l.text())).toEqual(['Vraag 1', 'Vraag 2'])
    expect(arabic.find('#tr-ar-title').element.closest('fieldset')).toBeNull()
    expect(arabic.find('#tr-ar-questions-q1-options-ja').element.closest('fieldset')?.querySelector('legend')?.textContent?.trim()).toBe('Vraag 1')
  })

  it('marks the missing fields and counts them; writing one emits the translation and it is no longer marked', async () => {
    const wrapper = mountEditor({ ar: { title: 'هل تريد المشاركة؟' } })
    expect(wrapper.find('[data-testid="translation-status-ar"]').text()).toBe('Arabisch: 7 teksten ontbreken')
    expect(wrapper.find('[data-testid="translation-status-en"]').text()).toBe('Engels: 8 teksten ontbreken')
    expect(wrapper.find('[data-lang="ar"] [data-path="title"]').attributes('data-missing')).toBeUndefined()
    const missingLabel = wrapper.find('[data-lang="ar"] [data-path="questions.q1.label"]')
    expect(missingLabel.attributes('data-missing')).toBe('true')
    expect(missingLabel.text()).toContain('Ontbreekt nog')
    expect(wrapper.find('#tr-ar-questions-q1-label').attributes('aria-describedby')).toContain('tr-ar-questions-q1-label-missing')

    await wrapper.find('#tr-ar-questions-q1-label').setValue('هل هذا مهم؟')
    const sent = wrapper.emitted('update')?.at(-1)?.[0] as ItemTranslations
    expect(sent).toEqual({ ar: { title: 'هل تريد المشاركة؟', questions: { q1: { label: 'هل هذا مهم؟' } } } })
    await wrapper.setProps({ translations: sent })
    expect(wrapper.find('[data-testid="translation-status-ar"]').text()).toBe('Arabisch: 6 teksten ontbreken')
    expect(wrapper.find('[data-lang="ar"] [data-path="questions.q1.label"]').attributes('data-missing')).toBeUndefined()
  })

  it('emptying a field removes its text, so the resident sees the Dutch again', async () => {
    const wrapper = mountEditor({ ar: { title: 'هل تريد المشاركة؟', summary: 'استطلاع قصير.' } }, ['ar'])
    await wrapper.find('#tr-ar-title').setValue('')
    expect(wrapper.emitted('update')?.at(-1)?.[0]).toEqual({ ar: { summary: 'استطلاع قصير.' } })
  })

  it('says "compleet" when every text is translated and unfolds a section with an error', async () => {
    const complete: ItemTranslations = {
      en: { title: 'Join in?', summary: 'A short poll.', questions: { q1: { label: 'Is it important?', options: { ja: 'Yes', nee: 'No' } }, q3: { label: 'How satisfied?', minLabel: 'Not', maxLabel: 'Very' } } },
    }
    const wrapper = mountEditor(complete, ['en'])
    expect(wrapper.find('[data-testid="translation-status-en"]').text()).toBe('Engels: compleet')
    expect(wrapper.find('details').attributes('open')).toBeUndefined()
    await wrapper.setProps({ errors: { 'en:title': 'Titel in het Engels: de tekst is te kort.' } })
    expect(wrapper.find('details').attributes('open')).toBeDefined()
    expect(wrapper.find('#tr-en-title').attributes('aria-invalid')).toBe('true')
  })
})
