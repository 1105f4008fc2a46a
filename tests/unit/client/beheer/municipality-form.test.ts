import { describe, expect, it } from 'vitest'
import { checkMunicipalityForm, formFromMunicipality } from '../../../../src/client/beheer/municipality-form'
import type { MunicipalityAdmin } from '../../../../src/shared/schemas/municipality-admin'
import { defaultMunicipalitySettings } from '../../../../src/shared/schemas/municipality-settings'

const municipality: MunicipalityAdmin = {
  slug: 'velsen',
  name: 'Velsen',
  region: 'ijmond',
  areas: ['IJmuiden', 'Driehuis'],
  themes: ['opgroeien', 'meedoen'],
  settings: { ...defaultMunicipalitySettings(), theme: { tokens: { '--meepraat-brand-color': '#123456' } } },
  logo: null,
}

describe('the Gemeente page form', () => {
  it('sends what it was given back unchanged, leaving empty fields out instead of sending empty strings', () => {
    const check = checkMunicipalityForm(formFromMunicipality(municipality))
    expect(check).toEqual({ ok: true, update: { name: 'Velsen', areas: ['IJmuiden', 'Driehuis'], themes: ['opgroeien', 'meedoen'], settings: municipality.settings } })
  })

  it('keeps the response periods for signals and advice through a save (they went back to 42 days before)', () => {
    const own = { ...municipality, settings: { ...municipality.settings, signalResponseDays: 21, adviceResponseDays: 56 } }
    const check = checkMunicipalityForm(formFromMunicipality(own))
    expect(check.ok && check.update.settings).toMatchObject({ signalResponseDays: 21, adviceResponseDays: 56 })
  })

  it('keeps the content languages through a save and sends the ones ticked (a save put them back to English before)', () => {
    const own = { ...municipality, settings: { ...municipality.settings, contentLanguages: ['ar', 'uk'] as ('ar' | 'uk')[] } }
    const form = formFromMunicipality(own)
    const kept = checkMunicipalityForm(form)
    expect(kept.ok && kept.update.settings.contentLanguages).toEqual(['ar', 'uk'])
    const check = checkMunicipalityForm({ ...form, contentLanguages: ['en', 'ar', 'tr'] })
    expect(check.ok && check.update.settings.contentLanguages).toEqual(['en', 'ar', 'tr'])
  })

  it('names each refused field by its element id and the kind of problem, as the error summary needs', () => {
    const form = formFromMunicipality(municipality)
    form.contact.website = 'javascript:alert(1)'
    form.dataProtectionOfficer.email = 'fg@velsen.nl' // an officer without a name
    form.themes = ['meedoen', 'Meedoen']
    form.areas = ['IJmuiden', 'x']
    form.resultsMinDevices = '3'
    form.retention.memberDays = ''
    const check = checkMunicipalityForm(form)
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.problems.map((p) => [p.id, p.problem])).toEqual(
      expect.arrayContaining([
        ['muni-contact-website', 'url'],
        ['muni-dataProtectionOfficer-name', 'partyName'],
        ['muni-themes', 'themes'],
        ['muni-areas-1', 'terms'],
        ['muni-resultsMinDevices', 'minDevices'],
        ['muni-retention-memberDays', 'number'],
      ]),
    )
  })

  it('keeps design tokens the page does not edit', () => {
    const form = formFromMunicipality(municipality)
    form.tokens['--utrecht-link-color'] = '#00589c'
    const check = checkMunicipalityForm(form)
    expect(check.ok && check.update.settings.theme.tokens).toEqual({ '--meepraat-brand-color': '#123456', '--utrecht-link-color': '#00589c' })
  })

  it('keeps the allowed embedding origins, and points each wrong one out as an origin problem in B1', () => {
    const form = formFromMunicipality({ ...municipality, settings: { ...municipality.settings, embedOrigins: ['https://www.velsen.nl'] } })
    const kept = checkMunicipalityForm(form)
    expect(kept.ok && kept.update.settings.embedOrigins).toEqual(['https://www.velsen.nl'])
    form.embedOrigins = ['https://www.velsen.nl', 'https://www.velsen.nl/widget', 'www.ijmuiden.nl']
    const wrong = checkMunicipalityForm(form)
    expect(!wrong.ok && wrong.problems.map((p) => [p.id, p.problem])).toEqual([
      ['muni-embedOrigins-1', 'origin'],
      ['muni-embedOrigins-2', 'origin'],
    ])
    form.embedOrigins = ['https://www.velsen.nl', 'HTTPS://WWW.VELSEN.NL']
    const twice = checkMunicipalityForm(form)
    expect(!twice.ok && twice.problems.map((p) => [p.id, p.problem])).toEqual([['muni-embedOrigins', 'originList']])
  })
})
