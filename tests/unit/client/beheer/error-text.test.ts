import { describe, expect, it } from 'vitest'
import { BeheerApiError } from '../../../../src/client/beheer/beheer-api'
import { errorText } from '../../../../src/client/beheer/error-text'
import { createI18n } from '../../../../src/client/i18n'
import beheerEn from '../../../../src/client/locales/beheer-en.json'
import beheerNl from '../../../../src/client/locales/beheer-nl.json'
import { ERROR_CODES } from '../../../../src/shared/error-codes'

const i18n = (locale: 'nl' | 'en') => createI18n({ nl: beheerNl, en: beheerEn }, locale)

describe('errorText (back office)', () => {
  it('says in Dutch what happened for a specific code, without the server’s English', () => {
    const text = errorText(i18n('nl').t, new BeheerApiError('refused', 'This item is not a table', { status: 409, code: 'item_not_table' }))
    expect(text).toBe('Dit item is geen tafel.')
  })

  it('says it in English when the official chose English', () => {
    expect(errorText(i18n('en').t, new BeheerApiError('refused', 'The selection has been made', { status: 409, code: 'assignment_frozen' }))).toBe('The draw has been done. So the assignment can no longer change.')
  })

  it('keeps the server’s details where only they can say which answers a change would break', () => {
    const text = errorText(i18n('nl').t, new BeheerApiError('refused', 'This change would break answers already given: option ja of q1', { status: 409, code: 'questions_change_breaks_answers' }))
    expect(text).toMatch(/^Inwoners hebben al geantwoord\./)
    expect(text).toContain('option ja of q1')
  })

  it('never shows a raw key for any code of the catalogue', () => {
    for (const code of ERROR_CODES) expect(errorText(i18n('nl').t, new BeheerApiError('refused', 'x', { status: 400, code: code })), code).not.toContain('errorCodes.')
  })
})
