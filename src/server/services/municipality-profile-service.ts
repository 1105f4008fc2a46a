import type { MunicipalityProfile } from '../../shared/schemas/municipality-settings'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { findLogo, findProfileSource, type ProfileSource } from '../repos/municipality-profile-repo'
import { API_PREFIX } from '../routes/register-route'
import { contentHash, themeClassOf, themeCss } from '../theme/theme-css'

const base = (slug: string) => `${API_PREFIX}/municipalities/${encodeURIComponent(slug)}`

async function sourceOf(db: Db, slug: string): Promise<ProfileSource> {
  const source = await findProfileSource(db, slug)
  if (!source) throw notFound(`municipality ${slug}`)
  return source
}

/** A municipality's theme stylesheet and the hash that versions its URL. */
export interface MunicipalityTheme {
  css: string
  hash: string
}

function themeOf(source: ProfileSource): MunicipalityTheme {
  const css = themeCss(source.slug, source.settings.theme.tokens)
  return { css, hash: contentHash(css) }
}

export async function municipalityTheme(db: Db, slug: string): Promise<MunicipalityTheme> {
  return themeOf(await sourceOf(db, slug))
}

/**
 * The public profile: what residents see of a municipality. Only public settings are copied, one
 * by one, so a private setting added later never leaks by default.
 */
export async function municipalityProfile(db: Db, slug: string): Promise<MunicipalityProfile> {
  const source = await sourceOf(db, slug)
  const { settings } = source
  return {
    slug: source.slug,
    name: source.name,
    ...(source.region ? { region: source.region } : {}),
    areas: source.areas,
    themes: source.themes,
    ...(source.logoSha256 ? { logoUrl: `${base(slug)}/logo?v=${encodeURIComponent(source.logoSha256)}` } : {}),
    themeCssUrl: `${base(slug)}/theme.css?v=${themeOf(source).hash}`,
    themeClass: themeClassOf(source.slug),
    contact: settings.contact,
    ...(settings.controller ? { controller: settings.controller } : {}),
    ...(settings.dataProtectionOfficer ? { dataProtectionOfficer: settings.dataProtectionOfficer } : {}),
    accessibilityStatement: settings.accessibilityStatement,
    retention: settings.retention,
    resultsMinDevices: settings.resultsMinDevices,
    signalResponseDays: settings.signalResponseDays,
    contentLanguages: settings.contentLanguages,
  }
}

/** A municipality's logo; 404 when the municipality has none. */
export async function municipalityLogo(db: Db, slug: string) {
  const logo = await findLogo(db, slug)
  if (!logo) throw notFound(`logo of ${slug}`)
  return logo
}
