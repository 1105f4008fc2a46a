import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/**
 * The official validator (publiccode-parser-go) is a Go program that cannot be installed here, so
 * this test checks the rules of the standard (version 0.4, `schema.core`) that apply to our file:
 * mandatory keys, controlled vocabularies, lengths and formats. Values are also checked against
 * the repository itself (licence, version), so the file cannot drift from what it describes.
 */
interface Description {
  shortDescription: string
  longDescription: string
  features: string[]
}
interface PublicCode {
  [key: string]: unknown
  publiccodeYmlVersion: string
  url: string
  softwareVersion: string
  releaseDate: string
  categories: string[]
  softwareType: string
  developmentStatus: string
  intendedAudience: { countries: string[]; scope: string[] }
  description: Record<string, Description>
  legal: { license: string }
  maintenance: { type: string }
  localisation: { localisationReady: boolean; availableLanguages: string[] }
}
const file = parse(readFileSync('publiccode.yml', 'utf8')) as PublicCode
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

// From the standard's categories-list and scope-list (the values we may use).
const CATEGORIES = new Set(['survey', 'digital-citizenship', 'feedback-and-reviews-management', 'data-collection', 'online-community', 'communications', 'collaboration'])
const SCOPES = new Set(['agriculture', 'culture', 'defence', 'education', 'emergency-services', 'employment', 'energy', 'environment', 'finance-and-economic-development', 'foreign-affairs', 'healthcare', 'infrastructures', 'justice', 'local-authorities', 'manufacturing', 'research', 'science-and-technology', 'security', 'society', 'sport', 'tourism', 'transportation', 'welfare'])
const SOFTWARE_TYPES = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles']
const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete']
const MAINTENANCE_TYPES = ['internal', 'contract', 'community', 'none']
const DATE = /^\d{4}-\d{2}-\d{2}$/

describe('publiccode.yml', () => {
  it('has every mandatory top-level key of the standard', () => {
    for (const key of ['publiccodeYmlVersion', 'name', 'url', 'platforms', 'categories', 'developmentStatus', 'softwareType', 'description', 'legal', 'maintenance', 'localisation']) {
      expect(file, key).toHaveProperty(key)
    }
    expect(file.publiccodeYmlVersion).toBe('0.4')
    expect(file.url).toMatch(/^https:\/\//)
  })

  it('uses only values from the controlled vocabularies', () => {
    for (const c of file.categories) expect(CATEGORIES, c).toContain(c)
    for (const s of file.intendedAudience.scope) expect(SCOPES, s).toContain(s)
    expect(SOFTWARE_TYPES).toContain(file.softwareType)
    expect(DEVELOPMENT_STATUSES).toContain(file.developmentStatus)
    expect(MAINTENANCE_TYPES).toContain(file.maintenance.type)
    for (const country of file.intendedAudience.countries) expect(country).toMatch(/^[a-z]{2}$/)
  })

  it('describes the software in Dutch and English within the lengths the standard sets', () => {
    expect(Object.keys(file.description).sort()).toEqual(['en', 'nl'])
    for (const [lang, d] of Object.entries(file.description)) {
      expect(d.shortDescription.length, `${lang} shortDescription`).toBeLessThanOrEqual(150)
      expect(d.longDescription.length, `${lang} longDescription`).toBeGreaterThanOrEqual(150)
      expect(d.longDescription.length, `${lang} longDescription`).toBeLessThanOrEqual(10_000)
      expect(d.features.length, `${lang} features`).toBeGreaterThanOrEqual(1)
    }
  })

  it('matches the repository: the EUPL-1.2 licence text, the package version and the languages of the app', () => {
    expect(file.legal.license).toBe('EUPL-1.2')
    expect(readFileSync('LICENSE', 'utf8')).toContain('EUROPEAN UNION PUBLIC LICENCE v. 1.2')
    expect(file.softwareVersion).toBe(pkg.version)
    expect(file.releaseDate).toMatch(DATE)
    expect(file.localisation.localisationReady).toBe(true)
    expect(file.localisation.availableLanguages).toEqual(['nl', 'en'])
  })
})
