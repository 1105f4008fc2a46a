import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, items } from '../../../src/server/db/schema'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { findRegion } from '../../../src/server/repos/municipality-repo'
import { ownMunicipality } from '../../../src/server/services/municipality-service'
import { DEFAULT_THEMES } from '../../../src/shared/schemas/municipality-settings'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => t.dispose())

describe('seedDemoIfEmpty', () => {
  it('creates the IJmond region and the demo municipalities through the municipality service, each with its statements and contact', async () => {
    const db = t.database.db
    expect(await seedDemoIfEmpty(db, new Date('2026-06-01T12:00:00Z'))).toBe(true)
    expect(await findRegion(db, 'ijmond')).toEqual({ slug: 'ijmond', name: 'IJmond' })
    for (const slug of ['beverwijk', 'heemskerk', 'velsen', 'westervoort']) {
      const m = await ownMunicipality(db, slug)
      expect(m.themes).toEqual([...DEFAULT_THEMES])
      expect(m.areas.length).toBeGreaterThan(3)
      expect(m.settings.contact.website).toBe(`https://${slug}.example.nl`)
      expect(m.settings.controller?.name).toContain(m.name)
      expect(m.settings.dataProtectionOfficer?.email).toBe(`fg@${slug}.example.nl`)
      expect(m.settings.accessibilityStatement.text).toContain(m.name)
    }
    expect((await ownMunicipality(db, 'westervoort')).region).toBeNull()
    const created = (await db.select().from(auditLog)).filter((a) => a.action === 'municipality.create' || a.action === 'region.create')
    expect(created).toHaveLength(5)
    expect(created.every((a) => (a.details as { via?: string }).via === 'demo')).toBe(true)
    // Every demo item speaks the vocabulary of its municipality.
    const themes = (await db.select({ theme: items.theme }).from(items)).map((r) => r.theme)
    expect(themes.length).toBeGreaterThan(0)
    expect(themes.filter((theme) => !(DEFAULT_THEMES as readonly string[]).includes(theme))).toEqual([])
  })

  it('leaves a database that has municipalities alone', async () => {
    expect(await seedDemoIfEmpty(t.database.db, new Date('2026-06-01T12:00:00Z'))).toBe(false)
  })
})
