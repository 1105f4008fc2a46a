import { asc, eq } from 'drizzle-orm'
import type { Municipality } from '../../shared/schemas/municipality'
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
