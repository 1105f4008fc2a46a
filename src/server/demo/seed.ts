import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { feedback, items, municipalities, tableDetails } from '../db/schema'
import { defaultMunicipalitySettings } from '../../shared/schemas/municipality-settings'
import { saveMunicipalitySettings, upsertMunicipality, upsertRegion } from '../repos/municipality-repo'
import { DEMO_MUNICIPALITIES, demoItemsFor } from './demo-content'
import { demoThemeFor } from './demo-themes'

const DAY_MS = 24 * 60 * 60 * 1000

/** Seeds the demo municipalities and their items, only into an empty database. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(municipalities)
  if ((row?.n ?? 0) > 0) return false
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS)
  await db.transaction(async (tx) => {
    await upsertRegion(tx, { slug: 'ijmond', name: 'IJmond' })
    for (const m of DEMO_MUNICIPALITIES) {
      await upsertMunicipality(tx, m)
      await saveMunicipalitySettings(tx, m.slug, { ...defaultMunicipalitySettings(), theme: demoThemeFor(m.slug) })
      for (const d of demoItemsFor(m)) {
        const [item] = await tx
          .insert(items)
          .values({
            municipality: m.slug,
            kind: d.kind,
            title: d.title,
            summary: d.summary,
            body: d.body,
            theme: d.theme,
            ladder: d.ladder,
            phase: d.phase,
            resultsVisibility: d.resultsVisibility,
            opensAt: at(d.opensInDays),
            closesAt: at(d.closesInDays),
            feedbackDueAt: at(d.feedbackDueInDays),
            questions: d.questions,
            publishedAt: at(Math.min(d.opensInDays, 0) - 1),
          })
          .returning({ id: items.id })
        if (d.table) await tx.insert(tableDetails).values({ itemId: item!.id, assignment: d.table((days) => at(days).toISOString()) })
        for (const f of d.feedback ?? []) {
          await tx.insert(feedback).values({ itemId: item!.id, outcome: f.outcome, summary: f.summary, body: f.body ?? null, publishedAt: at(-f.daysAgo) })
        }
      }
    }
  })
  return true
}
