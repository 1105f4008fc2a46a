import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import RegistrationConsent from '../../../../src/client/components/table/RegistrationConsent.vue'
import TableDataUse from '../../../../src/client/components/table/TableDataUse.vue'
import { defaultMunicipalitySettings } from '../../../../src/shared/schemas/municipality-settings'
import { PENDING_CONFIRMATION_DAYS, RENEWAL_GRACE_DAYS } from '../../../../src/shared/retention-periods'
import { resetLocale } from '../../fixtures'
import { freshDb, settle } from '../../page-harness'
import { setMunicipality } from '../../../../src/client/db/meta-repo'
import { saveMunicipalityProfile } from '../../../../src/client/db/municipality-profile-repo'
import { MunicipalityProfileSchema } from '../../../../src/shared/schemas/municipality-settings'

const own = { ...defaultMunicipalitySettings().retention, nonSelectedDays: 21, memberDays: 120, interestConfirmMonths: 6 }

describe('retention texts residents read', () => {
  beforeEach(resetLocale)

  it('state the municipality’s own periods in the sign-up consent and the table’s data section', () => {
    const consent = mount(RegistrationConsent, { props: { kind: 'signup', modelValue: false, retention: own } })
    expect(consent.find('[data-testid="consent-keep"]').text()).toBe('Krijg je geen plek? Dan wissen we je gegevens 21 dagen nadat de tafel begint. Doe je mee? Dan wissen we ze 120 dagen nadat de gemeente op het advies heeft gereageerd.')
    expect(consent.text()).toContain(`Klik je niet binnen ${PENDING_CONFIRMATION_DAYS} dagen?`)
    const data = mount(TableDataUse, { props: { retention: own } })
    expect(data.text()).toContain('21 dagen nadat de tafel begint')
    expect(data.text()).toContain('120 dagen nadat de gemeente op het advies heeft gereageerd')
  })

  it('state the yearly Benader mij question with the municipality’s months and the grace period', () => {
    const consent = mount(RegistrationConsent, { props: { kind: 'interest', modelValue: false, retention: own } })
    expect(consent.find('[data-testid="consent-keep"]').text()).toBe(`Elke 6 maanden vragen we of je op de lijst wilt blijven. Zeg je niet binnen ${RENEWAL_GRACE_DAYS} dagen ja? Dan wissen we je gegevens.`)
  })

  it('fall back to the defaults every municipality starts with while the app has no profile', () => {
    const defaults = defaultMunicipalitySettings().retention
    const consent = mount(RegistrationConsent, { props: { kind: 'signup', modelValue: false } })
    expect(consent.find('[data-testid="consent-keep"]').text()).toContain(`${defaults.nonSelectedDays} dagen nadat de tafel begint`)
    expect(consent.find('[data-testid="consent-keep"]').text()).toContain(`${defaults.memberDays} dagen nadat de gemeente`)
  })
})

describe('retention texts from the chosen municipality', () => {
  beforeEach(resetLocale)

  it('take the periods from the municipality profile the phone keeps, without a prop', async () => {
    const db = freshDb()
    await setMunicipality(db, 'haarlem')
    const profile = MunicipalityProfileSchema.parse({
      slug: 'haarlem', name: 'Haarlem', areas: [], themes: ['meedoen'], themeCssUrl: '/t.css', themeClass: 'mp-theme-haarlem', contact: {}, accessibilityStatement: {},
      retention: own, resultsMinDevices: 5,
    })
    await saveMunicipalityProfile(db, profile)
    const data = mount(TableDataUse)
    await settle()
    expect(data.text()).toContain('21 dagen nadat de tafel begint')
    expect(data.text()).toContain('120 dagen nadat de gemeente op het advies heeft gereageerd')
  })
})
