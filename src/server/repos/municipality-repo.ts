import { asc, eq } from 'drizzle-orm'
import type { Municipality } from '../../shared/schemas/municipality'
import { MunicipalitySettingsSchema, type MunicipalitySettings } from '../../shared/schemas/municipality-settings'
import type { Db } from '../db/client'
import { municipalities, regions } from '../db/schema'

type Row = typeof municipalities.$inferSelect

/** The public list names the region (residents read "IJmond"); `regionSlug` identifies it. */
function toMunicipality(row: Row, regionName: string | null): Municipality {
  return {
    slug: row.slug,
    name: row.name,
    ...(row.region ? { region: regionName ?? row.region, regionSlug: row.region } : {}),
    areas: row.areas,
  }
}

function selectWithRegion(db: Db) {
  return db.select({ m: municipalities, regionName: regions.name }).from(municipalities).leftJoin(regions, eq(regions.slug, municipalities.region))
}

/** All municipalities, by name. */
export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  const rows = await selectWithRegion(db).orderBy(asc(municipalities.name))
  return rows.map((r) => toMunicipality(r.m, r.regionName))
}

export async function findMunicipality(db: Db, slug: string): Promise<Municipality | null> {
  const [row] = await selectWithRegion(db).where(eq(municipalities.slug, slug))
  return row ? toMunicipality(row.m, row.regionName) : null
}

/** Adds or renames a region. */
export async function upsertRegion(db: Db, r: { slug: string; name: string }): Promise<void> {
  await db.insert(regions).values(r).onConflictDoUpdate({ target: regions.slug, set: { name: r.name } })
}

/** Adds or renames a municipality; `region` is a region's slug (demo seed, admin CLI). */
export async function upsertMunicipality(db: Db, m: { slug: string; name: string; region?: string; areas?: string[]; themes?: string[] }): Promise<void> {
  const values = { name: m.name, region: m.region ?? null, areas: m.areas ?? [], ...(m.themes ? { themes: m.themes } : {}) }
  await db
    .insert(municipalities)
    .values({ slug: m.slug, ...values })
    .onConflictDoUpdate({ target: municipalities.slug, set: values })
}

/** The vocabulary of a municipality: the areas and themes its items, interests and breakdowns use. */
export interface MunicipalityVocabulary {
  areas: string[]
  themes: string[]
}

export async function findVocabulary(db: Db, slug: string): Promise<MunicipalityVocabulary | null> {
  const [row] = await db.select({ areas: municipalities.areas, themes: municipalities.themes }).from(municipalities).where(eq(municipalities.slug, slug))
  return row ?? null
}

/**
 * A municipality's settings with every default filled in. The two table-retention periods live in
 * their own columns (the retention job reads them in SQL); the rest in the `settings` document.
 */
export function settingsOf(row: Pick<Row, 'settings' | 'retentionNonSelectedDays' | 'retentionMemberDays'>): MunicipalitySettings {
  const stored = MunicipalitySettingsSchema.safeParse(row.settings)
  const settings = stored.success ? stored.data : MunicipalitySettingsSchema.parse({})
  return { ...settings, retention: { ...settings.retention, nonSelectedDays: row.retentionNonSelectedDays, memberDays: row.retentionMemberDays } }
}

export async function findMunicipalitySettings(db: Db, slug: string): Promise<MunicipalitySettings | null> {
  const [row] = await db
    .select({ settings: municipalities.settings, retentionNonSelectedDays: municipalities.retentionNonSelectedDays, retentionMemberDays: municipalities.retentionMemberDays })
    .from(municipalities)
    .where(eq(municipalities.slug, slug))
  return row ? settingsOf(row) : null
}

/** Stores validated settings (the caller parsed them with `MunicipalitySettingsSchema`). */
export async function saveMunicipalitySettings(db: Db, slug: string, settings: MunicipalitySettings): Promise<void> {
  const { retention, ...rest } = settings
  await db
    .update(municipalities)
    .set({ settings: { ...rest, retention }, retentionNonSelectedDays: retention.nonSelectedDays, retentionMemberDays: retention.memberDays })
    .where(eq(municipalities.slug, slug))
}
