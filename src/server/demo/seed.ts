import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { feedback, items, municipalities, tableDetails } from '../db/schema'
import { createMunicipality, createRegion, type NewMunicipality } from '../services/municipality-service'
import { DEMO_MUNICIPALITIES, DEMO_REGIONS, demoItemsFor, type DemoItem } from './demo-content'
import { seedDemoCouncil } from './demo-council'
import { seedDemoSignals } from './demo-signals'
import { seedDemoAgenda } from './demo-agenda'

const DAY_MS = 24 * 60 * 60 * 1000

/** A regional demo item is seeded once, by the region's first member (the others show that one). */
function isSeededBy(d: DemoItem, m: NewMunicipality): boolean {
  return !d.region || d.region !== m.region || DEMO_MUNICIPALITIES.find((x) => x.region === d.region)?.slug === m.slug
}

/**
 * Seeds the demo region, municipalities and their items, only into an empty database. Region and
 * municipalities are made by the same service as `create-region` / `create-municipality`.
 */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(municipalities)
  if ((row?.n ?? 0) > 0) return false
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS)
  // Meetings at a time people can come, not at the minute the server started: 18:30 UTC is 19:30
  // in Dutch winter time and 20:30 in summer time.
  const eveningAt = (day: Date) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 18, 30)).toISOString()
  await db.transaction(async (tx) => {
    for (const r of DEMO_REGIONS) await createRegion(tx, r, 'demo', now)
    for (const m of DEMO_MUNICIPALITIES) {
      await createMunicipality(tx, m, 'demo', now)
      for (const d of demoItemsFor(m).filter((d) => isSeededBy(d, m))) {
        const [item] = await tx
          .insert(items)
          .values({
            municipality: m.slug,
            region: d.region === m.region ? (d.region ?? null) : null,
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
            translations: d.translations ?? {},
            publishedAt: at(Math.min(d.opensInDays, 0) - 1),
          })
          .returning({ id: items.id })
        if (d.table) await tx.insert(tableDetails).values({ itemId: item!.id, assignment: d.table((days) => at(days).toISOString(), (days) => eveningAt(at(days))) })
        for (const f of d.feedback ?? []) {
          await tx.insert(feedback).values({ itemId: item!.id, outcome: f.outcome, summary: f.summary, body: f.body ?? null, publishedAt: at(-f.daysAgo) })
        }
      }
    }
    await seedDemoCouncil(tx, now)
    await seedDemoSignals(tx, now)
    await seedDemoAgenda(tx, now)
  })
  return true
}
