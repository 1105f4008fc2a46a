import { describe, expect, it } from 'vitest'
import { createI18n } from '../../../../src/client/i18n'
import { AUTORITEIT_PERSOONSGEGEVENS_URL, privacyStatement } from '../../../../src/client/legal/privacy-statement'
import en from '../../../../src/client/locales/en.json'
import nl from '../../../../src/client/locales/nl.json'
import { RetentionSettingsSchema } from '../../../../src/shared/schemas/municipality-settings'

const retention = RetentionSettingsSchema.parse({ nonSelectedDays: 14, memberDays: 60, answersMonths: 6, interestConfirmMonths: 1 })
const controller = { name: 'College van burgemeester en wethouders van Beverwijk', email: 'privacy@beverwijk.nl' }
const i18n = createI18n({ nl, en })
const words = (s: { key: keyof typeof nl; params?: Record<string, string | number> }) => i18n.t(s.key, s.params)

describe('privacyStatement', () => {
  it('names the controller and the data protection officer the municipality set', () => {
    const dpo = { name: 'FG van Beverwijk', phone: '0251 256 256' }
    const s = privacyStatement({ name: 'Beverwijk', controller, dataProtectionOfficer: dpo, retention })
    expect(s.controller).toEqual({ party: controller })
    expect(s.dataProtectionOfficer).toEqual({ party: dpo })
  })

  it('says honestly what the municipality has not filled in, naming it', () => {
    const s = privacyStatement({ name: 'Beverwijk', retention })
    expect('missing' in s.controller && words(s.controller.missing)).toContain('Beverwijk heeft nog niet ingevuld')
    expect('missing' in s.dataProtectionOfficer && words(s.dataProtectionOfficer.missing)).toContain('functionaris gegevensbescherming')
  })

  it('gives every use of data a purpose, a legal basis and retention periods taken from the settings', () => {
    const s = privacyStatement({ name: 'Beverwijk', controller, retention })
    expect(s.uses.map((u) => [u.id, u.basis.key])).toEqual([
      ['answers', 'legal.privacy.basis.publicTask'],
      ['signup', 'legal.privacy.basis.consent'],
      ['interest', 'legal.privacy.basis.consent'],
    ])
    const retentionText = (id: string) => s.uses.find((u) => u.id === id)!.retention.map(words).join(' ')
    expect(retentionText('answers')).toContain('6 maanden')
    expect(retentionText('signup')).toContain('14 dagen')
    expect(retentionText('signup')).toContain('60 dagen')
    // One month reads as one, not "1 maanden".
    expect(retentionText('interest')).toContain('Elke maand')
  })

  it('lists the resident\'s rights and where to complain: the Autoriteit Persoonsgegevens', () => {
    const s = privacyStatement({ name: 'Beverwijk', controller, retention })
    expect(s.rights.map((r) => r.key)).toEqual(['legal.privacy.rights.access', 'legal.privacy.rights.correct', 'legal.privacy.rights.object', 'legal.privacy.rights.withdraw', 'legal.privacy.rights.how'])
    expect(words(s.rights.at(-1)!)).toContain('Beverwijk')
    expect(s.complaint.url).toBe(AUTORITEIT_PERSOONSGEGEVENS_URL)
    expect(words(s.complaint.text)).toContain('Autoriteit Persoonsgegevens')
  })

  it('reads in English too, with the same facts', () => {
    const english = createI18n({ nl, en }, 'en')
    const s = privacyStatement({ name: 'Beverwijk', retention })
    expect(english.t(s.uses[0]!.retention[0]!.key, s.uses[0]!.retention[0]!.params)).toContain('6 months')
    expect('missing' in s.controller && english.t(s.controller.missing.key, s.controller.missing.params)).toContain('Beverwijk has not yet filled in')
  })
})
