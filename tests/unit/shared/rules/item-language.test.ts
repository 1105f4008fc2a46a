import { describe, expect, it } from 'vitest'
import { localizeFeedback, localizeItem, missingTranslations } from '../../../../src/shared/rules/item-language'
import { ItemTranslationsSchema, textDirection } from '../../../../src/shared/schemas/content-language'
import type { Feedback } from '../../../../src/shared/schemas/feedback'
import type { Item } from '../../../../src/shared/schemas/item'

const item: Item = {
  id: '00000000-0000-4000-8000-000000000001',
  municipality: 'beverwijk',
  kind: 'poll',
  title: 'Wat vind jij van het jongerencentrum?',
  summary: 'Een korte vraag over het centrum.',
  body: 'Het centrum gaat misschien verhuizen.',
  theme: 'opgroeien',
  ladder: 'raadplegen',
  phase: 'beleidsvorming',
  opensAt: '2026-12-01T00:00:00.000Z',
  closesAt: '2026-12-20T00:00:00.000Z',
  feedbackDueAt: '2027-01-20T00:00:00.000Z',
  status: 'open',
  resultsVisibility: 'direct',
  questions: [
    { id: 'q1', type: 'single', label: 'Ga je er vaak heen?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] },
    { id: 'q2', type: 'scale', label: 'Hoe tevreden ben je?', required: false, minLabel: 'niet', maxLabel: 'heel erg' },
  ],
  feedback: [],
  translations: {
    ar: { title: 'ما رأيك في مركز الشباب؟', questions: { q1: { label: 'هل تذهب إلى هناك كثيرًا؟', options: { ja: 'نعم' } } } },
  },
}

describe('item language', () => {
  it('shows each text in the wanted language where translated and in Dutch, marked nl, where not', () => {
    const view = localizeItem(item, 'ar')
    expect(view.title).toEqual({ text: 'ما رأيك في مركز الشباب؟', lang: 'ar' })
    expect(view.summary).toEqual({ text: 'Een korte vraag over het centrum.', lang: 'nl' })
    expect(view.questions.q1!.label.lang).toBe('ar')
    expect(view.questions.q1!.options).toEqual({ ja: { text: 'نعم', lang: 'ar' }, nee: { text: 'Nee', lang: 'nl' } })
    expect(view.questions.q2!.minLabel).toEqual({ text: 'niet', lang: 'nl' })
  })

  it('shows Dutch for Dutch, for a language the item lacks, and for no wish at all', () => {
    for (const wanted of ['nl', 'tr', null, undefined]) expect(localizeItem(item, wanted).title).toEqual({ text: item.title, lang: 'nl' })
  })

  it('lists what a translation still lacks, path by path, and nothing once complete', () => {
    expect(missingTranslations(item, 'ar')).toEqual([
      'summary',
      'body',
      'questions.q1.options.nee',
      'questions.q2.label',
      'questions.q2.minLabel',
      'questions.q2.maxLabel',
    ])
    expect(missingTranslations(item, 'en')).toHaveLength(9)
    const complete: Item = {
      ...item,
      translations: {
        en: {
          title: 'What do you think of the youth centre?',
          summary: 'A short question about the centre.',
          body: 'The centre may move.',
          questions: { q1: { label: 'Do you go often?', options: { ja: 'Yes', nee: 'No' } }, q2: { label: 'How satisfied are you?', minLabel: 'not', maxLabel: 'very' } },
        },
      },
    }
    expect(missingTranslations(complete, 'en')).toEqual([])
  })

  it('translates feedback text by text', () => {
    const entry: Feedback = { id: item.id, publishedAt: item.opensAt, outcome: 'not_adopted', summary: 'We doen het niet.', reason: 'Te duur.', translations: { en: { summary: 'We will not do it.' } } }
    expect(localizeFeedback(entry, 'en')).toEqual({ summary: { text: 'We will not do it.', lang: 'en' }, reason: { text: 'Te duur.', lang: 'nl' } })
  })

  it('writes Arabic and Farsi right to left and the rest left to right', () => {
    expect(['ar', 'fa', 'nl', 'en', 'ti'].map(textDirection)).toEqual(['rtl', 'rtl', 'ltr', 'ltr', 'ltr'])
  })

  it('refuses a translation into Dutch or an unknown language, and unknown fields', () => {
    expect(ItemTranslationsSchema.safeParse({ nl: { title: 'Titel hier' } }).success).toBe(false)
    expect(ItemTranslationsSchema.safeParse({ xx: { title: 'Title here' } }).success).toBe(false)
    expect(ItemTranslationsSchema.safeParse({ en: { titel: 'Title here' } }).success).toBe(false)
    expect(ItemTranslationsSchema.safeParse({ en: { title: 'Title here' } }).success).toBe(true)
  })
})
