import { asc, eq } from 'drizzle-orm'
import type { Municipality } from '../../shared/schemas/municipality'
import { MunicipalitySettingsSchema, type MunicipalitySettings } from '../../shared/schemas/municipality-settings'
import type { Db } from '../db/client'
import { municipalities } from '../db/schema'

type Row = typeof municipalities.$inferSelect

function toMunicipality(row: Row): Municipality {
  return { slug: row.slug, name: row.name, ...(row.region ? { region: row.region } : {}), areas: row.areas }
}

/** All municipalities, by name. */
export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  const rows = await db.select().from(municipalities).orderBy(asc(municipalities.name))
  return rows.map(toMunicipality)
}

export async function findMunicipality(db: Db, slug: string): Promise<Municipality | null> {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.slug, slug))
  return row ? toMunicipality(row) : null
}

/** Adds or renames a municipality (demo seed, admin CLI). */
export async function upsertMunicipality(db: Db, m: Municipality): Promise<void> {
  await db
    .insert(municipalities)
    .values({ slug: m.slug, name: m.name, region: m.region ?? null, areas: m.areas ?? [] })
    .onConflictDoUpdate({
      target: municipalities.slug,
      set: { name: m.name, region: m.region ?? null, areas: m.areas ?? [] },
    })
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
