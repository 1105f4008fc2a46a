import { eq } from 'drizzle-orm'
import type { MunicipalitySettings } from '../../shared/schemas/municipality-settings'
import type { Db } from '../db/client'
import { municipalities, municipalityLogos, regions } from '../db/schema'
import { settingsOf } from './municipality-repo'

/** What the public profile is built from: the municipality, its region's name and its logo's hash. */
export interface ProfileSource {
  slug: string
  name: string
  region?: { slug: string; name: string }
  areas: string[]
  themes: string[]
  settings: MunicipalitySettings
  logoSha256?: string
}

/** The municipality as residents may see it, or null when there is none with that slug. */
export async function findProfileSource(db: Db, slug: string): Promise<ProfileSource | null> {
  const [row] = await db
    .select({ m: municipalities, regionName: regions.name, logoSha256: municipalityLogos.sha256 })
    .from(municipalities)
    .leftJoin(regions, eq(regions.slug, municipalities.region))
    .leftJoin(municipalityLogos, eq(municipalityLogos.municipality, municipalities.slug))
    .where(eq(municipalities.slug, slug))
  if (!row) return null
  const { m } = row
  return {
    slug: m.slug,
    name: m.name,
    ...(m.region ? { region: { slug: m.region, name: row.regionName ?? m.region } } : {}),
    areas: m.areas,
    themes: m.themes,
    settings: settingsOf(m),
    ...(row.logoSha256 ? { logoSha256: row.logoSha256 } : {}),
  }
}

/** A municipality's stored logo (already sanitised on upload), or null without one. */
export async function findLogo(db: Db, slug: string): Promise<{ contentType: 'image/svg+xml' | 'image/png'; bytes: Buffer; sha256: string } | null> {
  const [row] = await db
    .select({ contentType: municipalityLogos.contentType, bytes: municipalityLogos.bytes, sha256: municipalityLogos.sha256 })
    .from(municipalityLogos)
    .where(eq(municipalityLogos.municipality, slug))
  return row ?? null
}
