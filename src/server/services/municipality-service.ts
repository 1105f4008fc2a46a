import { z } from 'zod'
import { SlugSchema } from '../../shared/schemas/common'
import {
  AreaListSchema,
  DEFAULT_THEMES,
  MunicipalitySettingsSchema,
  ThemeListSchema,
  type MunicipalitySettings,
  type MunicipalitySettingsUpdate,
} from '../../shared/schemas/municipality-settings'
import { safeString } from '../../shared/schemas/safe-text'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { recordAudit } from '../repos/audit-repo'
import {
  findMunicipalityRow,
  findRegion,
  insertMunicipality,
  insertRegion,
  openItemThemes,
  saveMunicipalityProfile,
  settingsOf,
} from '../repos/municipality-repo'
import { audited, type Actor, type ServiceContext } from './context'

/**
 * Municipalities and regions come into being here, and only here: the admin CLI, the demo seed
 * and (later) any other way of adding one go through the same checks, so a demo municipality is
 * exactly what an operator would get.
 */

const NameSchema = safeString().trim().min(2).max(100)

export const NewRegionSchema = z.object({ slug: SlugSchema, name: NameSchema })
export type NewRegion = z.infer<typeof NewRegionSchema>

export const NewMunicipalitySchema = z.object({
  slug: SlugSchema,
  name: NameSchema,
  region: SlugSchema.optional(),
  areas: AreaListSchema.default([]),
  /** Without themes a municipality starts with the four domain themes, so an official can publish at once. */
  themes: ThemeListSchema.default([...DEFAULT_THEMES]),
  settings: MunicipalitySettingsSchema.default(MunicipalitySettingsSchema.parse({})),
})
export type NewMunicipality = z.input<typeof NewMunicipalitySchema>

/** Who created it, for the audit log: an operator at the command line or the demo seed. */
export type CreatedVia = 'cli' | 'demo'

/** Adds a region; refuses a slug that exists. Runs in the caller's transaction when given one. */
export async function createRegion(db: Db, input: NewRegion, via: CreatedVia, now: Date): Promise<void> {
  const region = NewRegionSchema.parse(input)
  await db.transaction(async (tx) => {
    if (await findRegion(tx, region.slug)) throw new DomainError('region_exists', `A region with slug ${region.slug} exists already`)
    await insertRegion(tx, region)
    await recordAudit(tx, { officialId: null, municipality: null, action: 'region.create', details: { region: region.slug, via } }, now)
  })
}

/** Adds a municipality with its vocabulary and settings; refuses a taken slug or an unknown region. */
export async function createMunicipality(db: Db, input: NewMunicipality, via: CreatedVia, now: Date): Promise<void> {
  const m = NewMunicipalitySchema.parse(input)
  await db.transaction(async (tx) => {
    if (await findMunicipalityRow(tx, m.slug)) throw new DomainError('municipality_exists', `A municipality with slug ${m.slug} exists already`)
    if (m.region && !(await findRegion(tx, m.region))) throw new DomainError('region_unknown', `There is no region with slug ${m.region}`)
    await insertMunicipality(tx, m)
    await recordAudit(tx, { officialId: null, municipality: m.slug, action: 'municipality.create', details: { region: m.region ?? null, areas: m.areas.length, themes: m.themes.length, via } }, now)
  })
}

/** What the admin's "Gemeente" page shows and edits. */
export interface MunicipalityAdminView {
  slug: string
  name: string
  region: string | null
  areas: string[]
  themes: string[]
  settings: MunicipalitySettings
}

export async function ownMunicipality(db: Db, slug: string): Promise<MunicipalityAdminView> {
  const row = await findMunicipalityRow(db, slug)
  if (!row) throw notFound('municipality')
  return { slug: row.slug, name: row.name, region: row.region, areas: row.areas, themes: row.themes, settings: settingsOf(row) }
}

/** The dotted paths whose values differ: what the audit entry names (never the values themselves). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix]
}

const lower = (terms: string[]) => new Set(terms.map((t) => t.toLocaleLowerCase('nl')))

/**
 * An admin changes their own municipality's name, vocabulary and settings. A theme that an item
 * still open (a draft, scheduled or running) uses cannot be removed: that item would fall out of
 * the vocabulary and invite nobody.
 */
export async function updateOwnMunicipality(context: ServiceContext, admin: Actor, update: MunicipalitySettingsUpdate): Promise<MunicipalityAdminView> {
  return audited(context, admin, 'municipality.update', async (tx) => {
    const before = await ownMunicipality(tx, admin.municipality)
    const kept = lower(update.themes)
    const removed = before.themes.filter((t) => !kept.has(t.toLocaleLowerCase('nl')))
    const stillUsed = removed.length > 0 ? (await openItemThemes(tx, admin.municipality, context.now)).filter((t) => removed.includes(t)) : []
    if (stillUsed.length > 0) throw new DomainError('theme_in_use', `Items that are not closed yet use the theme(s): ${stillUsed.join(', ')}`)
    await saveMunicipalityProfile(tx, admin.municipality, update)
    const after = await ownMunicipality(tx, admin.municipality)
    const added = (list: string[], from: string[]) => list.filter((t) => !from.includes(t))
    return {
      result: after,
      details: {
        changed: changedPaths({ name: before.name, areas: before.areas, themes: before.themes, settings: before.settings }, { name: after.name, areas: after.areas, themes: after.themes, settings: after.settings }),
        // Areas and themes are public words of the municipality, not personal data: named so the log says what happened.
        areasAdded: added(after.areas, before.areas),
        areasRemoved: added(before.areas, after.areas),
        themesAdded: added(after.themes, before.themes),
        themesRemoved: added(before.themes, after.themes),
      },
    }
  })
}
