import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { setMunicipality } from '../../../../src/client/db/meta-repo'
import { saveMunicipalityProfile } from '../../../../src/client/db/municipality-profile-repo'
import { i18n } from '../../../../src/client/i18n'
import AccessibilityPage from '../../../../src/client/pages/legal/AccessibilityPage.vue'
import ContactPage from '../../../../src/client/pages/legal/ContactPage.vue'
import PrivacyPage from '../../../../src/client/pages/legal/PrivacyPage.vue'
import type { MunicipalityProfile } from '../../../../src/shared/schemas/municipality-settings'
import { resetLocale } from '../../fixtures'
import { freshDb, mountPage } from '../../page-harness'

afterEach(() => resetLocale())

function aProfile(overrides: Partial<MunicipalityProfile> = {}): MunicipalityProfile {
  return {
    slug: 'beverwijk', name: 'Beverwijk', areas: [], themes: ['opgroeien'], themeCssUrl: '/api/municipalities/beverwijk/theme.css?v=abc', themeClass: 'mp-theme-beverwijk',
    contact: {}, accessibilityStatement: {}, retention: { nonSelectedDays: 30, memberDays: 90, answersMonths: 12, interestConfirmMonths: 12 }, resultsMinDevices: 5,
    ...overrides,
  }
}

async function withProfile(profile?: MunicipalityProfile) {
  const db = freshDb()
  if (profile) {
    await setMunicipality(db, profile.slug)
    await saveMunicipalityProfile(db, profile)
  }
}

describe('PrivacyPage', () => {
  it('builds the statement from the settings: controller, FG, uses with retention, rights, the AP', async () => {
    await withProfile(aProfile({
      controller: { name: 'College van B&W van Beverwijk', email: 'privacy@beverwijk.nl', postalAddress: 'Postbus 450, 1940 AL Beverwijk' },
      dataProtectionOfficer: { name: 'FG Beverwijk', phone: '0251 256 256' },
      retention: { nonSelectedDays: 14, memberDays: 60, answersMonths: 6, interestConfirmMonths: 12 },
    }))
    const { wrapper } = await mountPage(PrivacyPage, '/privacy')
    const text = wrapper.text()
    expect(text).toContain('College van B&W van Beverwijk')
    expect(wrapper.find('a[href="mailto:privacy@beverwijk.nl"]').exists()).toBe(true)
    expect(wrapper.find('a[href="tel:0251256256"]').exists()).toBe(true)
    expect(text).toContain('6 maanden')
    expect(text).toContain('14 dagen')
    expect(wrapper.findAll('.mp-legal__use')).toHaveLength(3)
    expect(wrapper.find('a[href="https://www.autoriteitpersoonsgegevens.nl"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('says what the municipality has not filled in, instead of an empty block', async () => {
    await withProfile(aProfile())
    const { wrapper } = await mountPage(PrivacyPage, '/privacy')
    expect(wrapper.text()).toContain('De gemeente Beverwijk heeft nog niet ingevuld wie verantwoordelijk is')
    expect(wrapper.text()).toContain('functionaris gegevensbescherming nog niet in Meepraat gezet')
    wrapper.unmount()
  })

  it('asks to choose a municipality first when none is chosen', async () => {
    await withProfile()
    const { wrapper } = await mountPage(PrivacyPage, '/privacy')
    expect(wrapper.text()).toContain('Kies eerst je gemeente')
    wrapper.unmount()
  })

  it('marks the names the municipality wrote as Dutch in the English interface', async () => {
    i18n.setLocale('en')
    await withProfile(aProfile({ controller: { name: 'College van burgemeester en wethouders' } }))
    const { wrapper } = await mountPage(PrivacyPage, '/privacy')
    expect(wrapper.text()).toContain('Who is responsible?')
    expect(wrapper.find('address strong').attributes('lang')).toBe('nl')
    wrapper.unmount()
  })
})

describe('AccessibilityPage and ContactPage', () => {
  it('shows the municipality\'s own statement text (in Dutch) and its link', async () => {
    await withProfile(aProfile({ accessibilityStatement: { text: 'Deze app voldoet gedeeltelijk.', url: 'https://www.beverwijk.nl/toegankelijkheid' } }))
    const { wrapper } = await mountPage(AccessibilityPage, '/toegankelijkheid')
    expect(wrapper.find('.mp-legal__statement').text()).toBe('Deze app voldoet gedeeltelijk.')
    expect(wrapper.find('.mp-legal__statement').attributes('lang')).toBe('nl')
    expect(wrapper.find('a[href="https://www.beverwijk.nl/toegankelijkheid"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('points to the national register when the municipality gave no statement', async () => {
    await withProfile(aProfile())
    const { wrapper } = await mountPage(AccessibilityPage, '/toegankelijkheid')
    expect(wrapper.text()).toContain('nog niet in Meepraat gezet')
    expect(wrapper.find('a[href="https://www.toegankelijkheidsverklaring.nl/register"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('lists the contact details from the settings, or says they are missing', async () => {
    await withProfile(aProfile({ contact: { website: 'https://www.beverwijk.nl', email: 'info@beverwijk.nl', phone: '140251' } }))
    const { wrapper } = await mountPage(ContactPage, '/contact')
    expect(wrapper.find('a[href="https://www.beverwijk.nl"]').text()).toBe('www.beverwijk.nl')
    expect(wrapper.find('a[href="mailto:info@beverwijk.nl"]').exists()).toBe(true)
    expect(wrapper.find('a[href="tel:140251"]').exists()).toBe(true)
    wrapper.unmount()
    await withProfile(aProfile())
    const empty = await mountPage(ContactPage, '/contact')
    expect(empty.wrapper.text()).toContain('heeft haar contactgegevens nog niet in Meepraat gezet')
    empty.wrapper.unmount()
  })
})
