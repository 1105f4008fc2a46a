import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getContentLanguage } from '../../../../src/client/db/content-language-repo'
import { setMunicipality } from '../../../../src/client/db/meta-repo'
import { saveMunicipalityProfile } from '../../../../src/client/db/municipality-profile-repo'
import { i18n, loadLocale } from '../../../../src/client/i18n'
import ProfilePage from '../../../../src/client/pages/ProfilePage.vue'
import type { Api } from '../../../../src/client/sync/api'
import { setResidentApi } from '../../../../src/client/sync/resident-api'
import type { MunicipalityProfile } from '../../../../src/shared/schemas/municipality-settings'
import { resetLocale } from '../../fixtures'
import { freshDb, mountPage, settle } from '../../page-harness'

/** "Taal van de vragen" on the profile page: Dutch and the municipality's languages, by their own names. */
const offlineApi = new Proxy({} as Api, { get: () => () => Promise.reject(new Error('offline in tests')) })

function profile(contentLanguages?: MunicipalityProfile['contentLanguages']): MunicipalityProfile {
  return {
    slug: 'beverwijk', name: 'Beverwijk', areas: [], themes: ['opgroeien'], themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc', themeClass: 'mp-theme-beverwijk',
    contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
    ...(contentLanguages ? { contentLanguages } : {}),
  }
}

async function openProfile(p: MunicipalityProfile) {
  const db = freshDb()
  await setMunicipality(db, p.slug)
  await saveMunicipalityProfile(db, p)
  const { wrapper } = await mountPage(ProfilePage, '/profiel')
  return { db, choice: wrapper.find('[data-testid="content-language-settings"]') }
}

beforeEach(() => {
  resetLocale()
  setResidentApi(offlineApi)
  Object.defineProperty(navigator, 'languages', { value: ['nl-NL'], configurable: true })
})
afterEach(() => {
  document.body.innerHTML = ''
  resetLocale()
})

describe('the language of the questions on the profile page', () => {
  it('offers Dutch and each of the municipality\'s languages by its endonym, with its own lang and dir', async () => {
    const { choice } = await openProfile(profile(['en', 'ar', 'tr', 'pl', 'uk']))
    expect(choice.find('legend').text()).toBe('Taal van de vragen')
    const names = choice.findAll('.mp-choice__text > span').map((s) => [s.text(), s.attributes('lang'), s.attributes('dir')])
    expect(names).toEqual([
      ['Nederlands', 'nl', 'ltr'],
      ['English', 'en', 'ltr'],
      ['العربية', 'ar', 'rtl'],
      ['Türkçe', 'tr', 'ltr'],
      ['Polski', 'pl', 'ltr'],
      ['Українська', 'uk', 'ltr'],
    ])
    // Nothing chosen, Dutch interface, Dutch browser: Dutch.
    expect(choice.find('input:checked').attributes('value')).toBe('nl')
  })

  it('keeps a choice on the phone, and it still holds when the page is opened again', async () => {
    const { db, choice } = await openProfile(profile(['en', 'ar']))
    await choice.find('input[value="ar"]').setValue(true)
    await settle()
    expect(await getContentLanguage(db)).toBe('ar')
    document.body.innerHTML = ''
    const again = await mountPage(ProfilePage, '/profiel')
    expect(again.wrapper.find('[data-testid="content-language-settings"] input:checked').attributes('value')).toBe('ar')
  })

  it('starts in English under the English interface when English is offered, and offers English when the profile lists no languages', async () => {
    await loadLocale('en')
    i18n.setLocale('en')
    const { choice } = await openProfile(profile())
    expect(choice.find('legend').text()).toBe('Language of the questions')
    expect(choice.findAll('input').map((i) => i.attributes('value'))).toEqual(['nl', 'en'])
    expect(choice.find('input:checked').attributes('value')).toBe('en')
  })
})
