import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createI18n, i18n } from '../../src/client/i18n'
import nl from '../../src/client/locales/nl.json'
import en from '../../src/client/locales/en.json'

describe('i18n', () => {
  afterEach(() => i18n.setLocale('nl'))

  it('speaks Dutch by default and switches to English', () => {
    expect(i18n.t('answer.send')).toBe('Versturen')
    i18n.setLocale('en')
    expect(i18n.locale.value).toBe('en')
    expect(i18n.t('answer.send')).toBe('Send')
  })

  it('updates <html lang> when the language changes', () => {
    i18n.setLocale('en')
    expect(document.documentElement.lang).toBe('en')
    i18n.setLocale('nl')
    expect(document.documentElement.lang).toBe('nl')
  })

  it('falls back to Dutch for a key missing in English', () => {
    const translator = createI18n({ nl: { hello: 'Hallo', only: 'Alleen in het Nederlands' }, en: { hello: 'Hello' } })
    translator.setLocale('en')
    expect(translator.t('hello')).toBe('Hello')
    expect(translator.t('only')).toBe('Alleen in het Nederlands')
    // @ts-expect-error: an unknown key fails typecheck; at runtime it still shows itself, not nothing
    expect(translator.t('nowhere')).toBe('nowhere')
  })

  it('renders a text again when it arrives after the page showed its key (texts loaded later)', async () => {
    const translator = createI18n<'late.text'>({ nl: {}, en: {} })
    const wrapper = mount(defineComponent({ render: () => h('p', translator.t('late.text')) }))
    expect(wrapper.text()).toBe('late.text')
    translator.addMessages({ nl: { 'late.text': 'Eindelijk' } })
    await nextTick()
    expect(wrapper.text()).toBe('Eindelijk')
  })

  it('does not render a page again when texts arrive that it already had (the rest of the texts after the first page)', async () => {
    const translator = createI18n<'first.text' | 'late.text'>({ nl: { 'first.text': 'Eerst' }, en: {} })
    let renders = 0
    const wrapper = mount(defineComponent({ render: () => (renders++, h('p', translator.t('first.text'))) }))
    translator.addMessages({ nl: { 'late.text': 'Later' } })
    await nextTick()
    expect(wrapper.text()).toBe('Eerst')
    expect(renders).toBe(1)
  })

  it('renders the English text once it arrives where the Dutch stood in for it', async () => {
    const translator = createI18n<'hello'>({ nl: { hello: 'Hallo' }, en: {} })
    translator.setLocale('en')
    const wrapper = mount(defineComponent({ render: () => h('p', translator.t('hello')) }))
    expect(wrapper.text()).toBe('Hallo')
    translator.addMessages({ en: { hello: 'Hello' } })
    await nextTick()
    expect(wrapper.text()).toBe('Hello')
  })

  it('fills in {name} parameters and picks the singular for a count of one', () => {
    expect(i18n.t('results.textAnswered', { count: 12 })).toBe('12 mensen gaven een antwoord.')
    expect(i18n.t('results.textAnswered', { count: 1 })).toBe('1 persoon gaf een antwoord.')
  })

  it('formats dates the Dutch and the British way', () => {
    expect(i18n.formatDate('2026-06-15T10:00:00Z')).toBe('15 juni 2026')
    i18n.setLocale('en')
    expect(i18n.formatDate('2026-06-15T10:00:00Z')).toBe('15 June 2026')
  })

  it('formats figures in the language shown, also after a switch', () => {
    expect(i18n.formatNumber(12345.678, 1)).toBe('12.345,7')
    expect(i18n.formatNumber(12345.678)).toBe('12.346')
    i18n.setLocale('en')
    expect(i18n.formatNumber(12345.678, 1)).toBe('12,345.7')
  })

  it('has the same keys in nl.json and en.json', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort())
  })
})
