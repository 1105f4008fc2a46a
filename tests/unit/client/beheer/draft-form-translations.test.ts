import { describe, expect, it } from 'vitest'
import { checkDraft, draftFromForm, emptyDraftForm, type DraftForm } from '../../../../src/client/beheer/draft-form'
import type { ItemDraft } from '../../../../src/shared/schemas/item-draft'

const NOW = new Date('2026-06-01T12:00:00Z')
const form = (overrides: Partial<DraftForm> = {}): DraftForm => ({
  ...emptyDraftForm(NOW),
  title: 'Wil je meepraten?',
  summary: 'Een korte peiling.',
  theme: 'opgroeien',
  questions: [{ id: 'q1', type: 'single', label: 'Vind je het belangrijk?', required: true, options: [{ id: 'ja', label: 'Ja' }, { id: 'nee', label: 'Nee' }] }],
  ...overrides,
})

describe('the item form and its translations', () => {
  it('a new item sends no translations, so a draft kept from before they existed never clears stored ones', () => {
    expect(emptyDraftForm(NOW).translations).toBeUndefined()
    expect((draftFromForm(form()) as ItemDraft).translations).toBeUndefined()
  })

  it('sends translations without empty texts and without texts of deleted questions or options', () => {
    const sent = draftFromForm(
      form({ translations: { ar: { title: 'عنوان', summary: '  ', questions: { q1: { label: 'سؤال', options: { ja: 'نعم', weg: 'x' } }, q2: { label: 'محذوف' } } }, en: { title: '' } } }),
    ) as ItemDraft
    expect(sent.translations).toEqual({ ar: { title: 'عنوان', questions: { q1: { label: 'سؤال', options: { ja: 'نعم' } } } } })
  })

  it('names a translation field that is too short by language and path, apart from the Dutch fields', () => {
    const check = checkDraft(form({ translations: { en: { title: 'Ja', questions: { q1: { label: 'Important?' } } } } }))
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.fields).toEqual({})
    expect(check.translations).toEqual({ 'en:title': 'tooShort' })
  })
})
