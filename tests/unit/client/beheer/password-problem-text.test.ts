import { describe, expect, it } from 'vitest'
import { BeheerApiError } from '../../../../src/client/beheer/beheer-api'
import { errorText } from '../../../../src/client/beheer/error-text'
import { createI18n } from '../../../../src/client/i18n'
import beheerEn from '../../../../src/client/locales/beheer-en.json'
import beheerNl from '../../../../src/client/locales/beheer-nl.json'
import type { ErrorBody } from '../../../../src/shared/schemas/error'
import { PASSWORD_SUGGESTION_KEYS, PASSWORD_WARNING_KEYS } from '../../../../src/shared/schemas/password-strength'

const i18n = (locale: 'nl' | 'en') => createI18n({ nl: beheerNl, en: beheerEn }, locale)
const refusal = (invalidParams: ErrorBody['invalidParams']) => {
  const problem: ErrorBody = { status: 400, code: 'password_too_weak', invalidParams, error: { code: 'password_too_weak', message: 'Password refused' } }
  return new BeheerApiError('refused', 'Password refused', { status: 400, code: 'password_too_weak', problem })
}

describe('a refused password in the back office', () => {
  it('says why in Dutch, with what the estimator noticed and what to do instead', () => {
    const text = errorText(i18n('nl').t, refusal([{ name: 'password', reason: 'too_guessable' }, { name: 'password.warning', reason: 'userInputs' }, { name: 'password.suggestion', reason: 'anotherWord' }]))
    expect(text).toBe('Dit wachtwoord is te makkelijk te raden. Het wachtwoord bevat je e-mailadres of de naam van de gemeente. Voeg nog een paar woorden toe die niet bij elkaar horen. Kies een zin van vier of meer losse woorden, bijvoorbeeld “blauwe giraf eet warme soep”.')
  })

  it('says it in English, and gives the length rule with its number', () => {
    expect(errorText(i18n('en').t, refusal([{ name: 'password', reason: 'too_short' }]))).toBe('The password is too short: at least 12 characters.')
  })

  it('skips keys it does not know and never shows a raw key', () => {
    const text = errorText(i18n('nl').t, refusal([{ name: 'password', reason: 'too_guessable' }, { name: 'password.warning', reason: 'fromTheFuture' }]))
    expect(text).not.toMatch(/fromTheFuture|passwordStrength\./)
    for (const key of PASSWORD_WARNING_KEYS) expect(errorText(i18n('en').t, refusal([{ name: 'password.warning', reason: key }]))).not.toContain('passwordStrength.')
    for (const key of PASSWORD_SUGGESTION_KEYS) expect(errorText(i18n('nl').t, refusal([{ name: 'password.suggestion', reason: key }]))).not.toContain('passwordStrength.')
  })
})
