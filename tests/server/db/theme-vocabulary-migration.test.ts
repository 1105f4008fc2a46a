import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '../../../src/server/db/client'
import { migrateDatabase } from '../../../src/server/db/migrate'
import { committedMigrationTags } from '../../../src/server/db/migration-status'

/** The migration that maps existing themes onto each municipality's vocabulary (found by its name, whatever its number). */
let database: Database
const BEFORE_VOCABULARY = committedMigrationTags().findIndex((tag) => tag.endsWith('_theme_vocabulary'))

beforeAll(async () => {
  expect(BEFORE_VOCABULARY).toBeGreaterThan(0)
  database = await createDatabase({ dataDir: 'memory://' })
  await migrateDatabase(database, { upTo: BEFORE_VOCABULARY })
  const db = database.db
  await db.execute(sql`insert into municipalities (slug, name, areas, themes) values
    ('beverwijk', 'Beverwijk', '[]', '["opgroeien", "meedoen", "rondkomen", "wonen en vervoer"]'),
    ('velsen', 'Velsen', '[]', '["opgroeien", "meedoen", "rondkomen", "wonen en vervoer"]')`)
  const item = (municipality: string, theme: string) =>
    sql`insert into items (municipality, kind, title, summary, theme, ladder, phase, opens_at, closes_at, feedback_due_at)
        values (${municipality}, 'table', 'Tafel', 'Een tafel', ${theme}, 'adviseren', 'agenda', now(), now() + interval '10 days', now() + interval '40 days')`
  for (const [m, theme] of [['beverwijk', 'jeugd'], ['beverwijk', 'Jeugd'], ['beverwijk', 'Meedoen'], ['beverwijk', 'opgroeien'], ['velsen', 'zorg']] as const) await db.execute(item(m, theme))
  const interest = (id: string, themes: string[], status: string) =>
    sql`insert into interests (id, municipality, device_key, revision, status, themes, age_band, consent_version, consented_at, received_at, updated_at)
        values (${id}, 'velsen', 'key', 1, ${status}, ${JSON.stringify(themes)}::jsonb, '24-64', 'v1', now(), now(), now())`
  await db.execute(interest(crypto.randomUUID(), ['sport', 'opgroeien'], 'active'))
  await db.execute(interest(crypto.randomUUID(), ['vergeten'], 'withdrawn'))
  await migrateDatabase(database)
})
afterAll(async () => database.close())

const themesOf = async (slug: string) => ((await database.db.execute(sql`select themes from municipalities where slug = ${slug}`)) as unknown as { rows: { themes: string[] }[] }).rows[0]!.themes

describe('migration theme_vocabulary: existing themes join the vocabulary', () => {
  it('adds a theme found on items to the municipality\'s list once, whatever its case', async () => {
    expect(await themesOf('beverwijk')).toEqual(['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer', 'Jeugd'])
  })

  it('adds the themes of items and active Benader mij registrations, not of withdrawn ones', async () => {
    expect(await themesOf('velsen')).toEqual(['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer', 'sport', 'zorg'])
  })

  it('gives every item a theme spelled as in its municipality\'s list', async () => {
    const rows = ((await database.db.execute(sql`select municipality, theme from items order by municipality, theme`)) as unknown as { rows: { municipality: string; theme: string }[] }).rows
    expect(rows.map((r) => `${r.municipality}:${r.theme}`)).toEqual(['beverwijk:Jeugd', 'beverwijk:Jeugd', 'beverwijk:meedoen', 'beverwijk:opgroeien', 'velsen:zorg'])
  })
})
