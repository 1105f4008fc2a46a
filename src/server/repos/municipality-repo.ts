import { and, asc, eq, gt } from 'drizzle-orm'
import type { Municipality } from '../../shared/schemas/municipality'
import { DEFAULT_THEMES, MunicipalitySettingsSchema, type MunicipalitySettings, type MunicipalitySettingsUpdate } from '../../shared/schemas/municipality-settings'
import type { Db } from '../db/client'
import { items, municipalities, regions } from '../db/schema'

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
    // A new municipality without themes starts with the domain themes, as one made by the CLI does.
    .values({ slug: m.slug, themes: [...DEFAULT_THEMES], ...values })
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

/** The municipality's row as stored (the service reads settings through `settingsOf`). */
export async function findMunicipalityRow(db: Db, slug: string): Promise<Row | null> {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.slug, slug))
  return row ?? null
}

export async function findRegion(db: Db, slug: string): Promise<{ slug: string; name: string } | null> {
  const [row] = await db.select({ slug: regions.slug, name: regions.name }).from(regions).where(eq(regions.slug, slug))
  return row ?? null
}

/** Inserts a region; the service checked the slug is free. */
export async function insertRegion(db: Db, r: { slug: string; name: string }): Promise<void> {
  await db.insert(regions).values(r)
}

/** Inserts a municipality with validated vocabulary and settings; the service checked slug and region. */
export async function insertMunicipality(db: Db, m: { slug: string; name: string; region?: string | undefined; areas: string[]; themes: string[]; settings: MunicipalitySettings }): Promise<void> {
  await db.insert(municipalities).values({ slug: m.slug, name: m.name, region: m.region ?? null, areas: m.areas, themes: m.themes })
  await saveMunicipalitySettings(db, m.slug, m.settings)
}

/** Name, vocabulary and settings from the admin's "Gemeente" page, in one update. */
export async function saveMunicipalityProfile(db: Db, slug: string, update: MunicipalitySettingsUpdate): Promise<void> {
  await db.update(municipalities).set({ name: update.name, areas: update.areas, themes: update.themes }).where(eq(municipalities.slug, slug))
  await saveMunicipalitySettings(db, slug, update.settings)
}

/** The distinct themes of the municipality's items that have not closed yet (drafts, scheduled, open). */
export async function openItemThemes(db: Db, slug: string, now: Date): Promise<string[]> {
  const rows = await db.selectDistinct({ theme: items.theme }).from(items).where(and(eq(items.municipality, slug), gt(items.closesAt, now)))
  return rows.map((r) => r.theme)
}
