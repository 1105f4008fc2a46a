import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getContentLanguage, setContentLanguage } from '../../../src/client/db/content-language-repo'
import { saveItems } from '../../../src/client/db/items-repo'
import { setMunicipality } from '../../../src/client/db/meta-repo'
import { saveMunicipalityProfile } from '../../../src/client/db/municipality-profile-repo'
import type { MeepraatDb } from '../../../src/client/db/db'
import { i18n, loadLocale } from '../../../src/client/i18n'
import ItemPage from '../../../src/client/pages/ItemPage.vue'
import type { Api } from '../../../src/client/sync/api'
import { setResidentApi } from '../../../src/client/sync/resident-api'
import type { Feedback } from '../../../src/shared/schemas/feedback'
import type { Item } from '../../../src/shared/schemas/item'
import type { MunicipalityProfile } from '../../../src/shared/schemas/municipality-settings'
import { anItem, resetLocale, scaleQuestion, singleQuestion } from '../fixtures'
import { freshDb, mountPage, settle } from '../page-harness'

/** Issue 15 item 5: the item page shows every text in the resident's language where translated, Dutch otherwise, each with its lang and dir. */
const offlineApi = new Proxy({} as Api, { get: () => () => Promise.reject(new Error('offline in tests')) })

const beverwijk: MunicipalityProfile = {
  slug: 'beverwijk', name: 'Beverwijk', areas: [], themes: ['opgroeien'], themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc', themeClass: 'mp-theme-beverwijk',
  contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
  contentLanguages: ['en', 'ar'],
}

/** Arabic for the title and one option only; English for the title, the summary and both options. */
function translatedPoll(overrides: Partial<Item> = {}): Item {
  return anItem({
    title: 'Mogen jongeren meepraten?',
    summary: 'Het duurt een minuut.',
    body: 'We vragen je naam niet.',
    questions: [singleQuestion, scaleQuestion],
    translations: {
      ar: { title: 'هل يشارك الشباب برأيهم؟', questions: { q1: { label: 'هل هذا مهم؟', options: { ja: 'نعم' } } } },
      en: { title: 'Should young people have a say?', summary: 'It takes one minute.', questions: { q1: { label: 'Is it important?', options: { ja: 'Yes', nee: 'No' } } } },
    },
    ...overrides,
  })
}

async function phoneWith(item: Item, chosen?: 'nl' | 'en' | 'ar'): Promise<MeepraatDb> {
  const db = freshDb()
  await setMunicipality(db, 'beverwijk')
  await saveMunicipalityProfile(db, beverwijk)
  await saveItems(db, [item])
  if (chosen) await setContentLanguage(db, chosen)
  return db
}

function setBrowserLanguages(languages: string[]): void {
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true })
}

describe('ItemPage in the resident\'s language of the questions', () => {
  beforeEach(() => {
    resetLocale()
    setResidentApi(offlineApi)
    setBrowserLanguages(['nl-NL'])
  })
  afterEach(() => {
    document.body.innerHTML = ''
    resetLocale()
  })

  it('shows an Arabic title and option right to left with lang="ar", and the untranslated summary, option and question in Dutch with lang="nl"', async () => {
    const item = translatedPoll()
    await phoneWith(item, 'ar')
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })

    const h1 = wrapper.find('h1')
    expect(h1.text()).toBe('هل يشارك الشباب برأيهم؟')
    expect([h1.attributes('lang'), h1.attributes('dir')]).toEqual(['ar', 'rtl'])
    const summary = wrapper.find('.utrecht-paragraph--lead')
    expect([summary.text(), summary.attributes('lang'), summary.attributes('dir')]).toEqual(['Het duurt een minuut.', 'nl', 'ltr'])

    const [single, scale] = wrapper.findAll('form fieldset')
    // The Arabic question lays out right to left; its "(verplicht)" keeps the interface's direction.
    expect(single!.attributes('dir')).toBe('rtl')
    expect(single!.find('legend span').attributes()).toMatchObject({ lang: 'ar', dir: 'rtl' })
    expect(single!.find('.mp-required').attributes('dir')).toBe('ltr')
    const options = single!.findAll('.mp-choice__text > span').map((s) => [s.text(), s.attributes('lang'), s.attributes('dir')])
    expect(options).toEqual([['نعم', 'ar', 'rtl'], ['Nee', 'nl', 'ltr']])
    // A question without any translation stays Dutch and left to right.
    expect(scale!.attributes('dir')).toBe('ltr')
    expect(scale!.find('legend span').attributes()).toMatchObject({ lang: 'nl', dir: 'ltr' })
    // The send row follows the (Arabic) first question; the button's own words keep the interface's direction.
    const actions = wrapper.find('form .mp-actions')
    expect(actions.attributes('dir')).toBe('rtl')
    expect(actions.find('button').attributes('dir')).toBe('ltr')
  })

  it('switches every text at once when the resident picks another language on the item page, and keeps the choice on the phone', async () => {
    const item = translatedPoll()
    const db = await phoneWith(item)
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    expect(wrapper.find('h1').text()).toBe('Mogen jongeren meepraten?')
    expect(wrapper.find('h1').attributes('lang')).toBe('nl')

    const toggle = wrapper.find('[data-testid="content-language-toggle"]')
    expect(toggle.find('summary').text()).toBe('Taal van de vragen: Nederlands')
    // Folded, the line holds no form fields; opened, it holds the choice.
    expect(toggle.find('input').exists()).toBe(false)
    ;(toggle.element as HTMLDetailsElement).open = true
    await toggle.trigger('toggle')
    // The choice is its own chunk, loaded on opening.
    await vi.waitFor(() => expect(toggle.find('input[value="en"]').exists()).toBe(true), { timeout: 10_000 })
    const english = toggle.findAll('input[type="radio"]').find((r) => r.attributes('value') === 'en')!
    await english.setValue(true)
    await settle()

    expect(wrapper.find('h1').text()).toBe('Should young people have a say?')
    expect(wrapper.find('h1').attributes()).toMatchObject({ lang: 'en', dir: 'ltr' })
    expect(wrapper.find('.utrecht-paragraph--lead').text()).toBe('It takes one minute.')
    expect(wrapper.findAll('.mp-choice__text > span').filter((s) => s.attributes('lang') === 'en').map((s) => s.text())).toEqual(expect.arrayContaining(['Yes', 'No', 'English']))
    // The body has no English: it stays Dutch, marked so.
    expect(wrapper.find('.mp-prewrap').attributes()).toMatchObject({ lang: 'nl', dir: 'ltr' })
    expect(await getContentLanguage(db)).toBe('en')
  })

  it('in the English interface shows English content where translated, and marks a Dutch-only item lang="nl"', async () => {
    await loadLocale('en')
    i18n.setLocale('en')
    const translated = translatedPoll()
    await phoneWith(translated)
    const first = await mountPage(ItemPage, `/items/${translated.id}`, { id: translated.id })
    expect(first.wrapper.find('h1').text()).toBe('Should young people have a say?')
    first.wrapper.unmount()

    const dutchOnly = anItem({ title: 'Hangplekken in de wijk' })
    await phoneWith(dutchOnly)
    const { wrapper } = await mountPage(ItemPage, `/items/${dutchOnly.id}`, { id: dutchOnly.id })
    expect(wrapper.find('h1').text()).toBe('Hangplekken in de wijk')
    expect(wrapper.find('h1').attributes()).toMatchObject({ lang: 'nl', dir: 'ltr' })
    expect(wrapper.find('form legend span').attributes('lang')).toBe('nl')
    expect(wrapper.findAll('form .mp-choice__text > span[lang="nl"]').map((s) => s.text())).toEqual(expect.arrayContaining(['Ja', 'Nee']))
  })

  it('starts in the browser\'s language under the Dutch interface when the municipality offers it', async () => {
    setBrowserLanguages(['ar-SY', 'en'])
    const item = translatedPoll()
    await phoneWith(item)
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    expect(wrapper.find('h1').attributes('lang')).toBe('ar')
  })

  it('shows feedback in the chosen language where the entry is translated, and in Dutch where it is not', async () => {
    const entry = (id: string, summary: string, translations?: Feedback['translations']): Feedback => ({
      id, outcome: 'adopted', summary, publishedAt: '2026-05-20T10:00:00.000Z', ...(translations ? { translations } : {}),
    })
    const item = translatedPoll({
      feedback: [entry('00000000-0000-4000-8000-0000000000f1', 'We bouwen een skatebaan.', { ar: { summary: 'سنبني حديقة تزلج.' } }), entry('00000000-0000-4000-8000-0000000000f2', 'De raad besluit in juni.')],
    })
    await phoneWith(item, 'ar')
    const { wrapper } = await mountPage(ItemPage, `/items/${item.id}`, { id: item.id })
    const summaries = wrapper.findAll('.mp-timeline__summary').map((p) => [p.text(), p.attributes('lang'), p.attributes('dir')])
    expect(summaries).toEqual(expect.arrayContaining([['سنبني حديقة تزلج.', 'ar', 'rtl'], ['De raad besluit in juni.', 'nl', 'ltr']]))
  })
})
