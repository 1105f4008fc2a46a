import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../../src/server/db/client'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { listPublishedSignals } from '../../../src/server/services/signal-service'
import { SIGNAL_STATUSES } from '../../../src/shared/schemas/agenda-setting'
import { DEFAULT_THEMES } from '../../../src/shared/schemas/municipality-settings'
import { SignalListQuerySchema } from '../../../src/shared/schemas/signal'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => t.dispose())

describe('demo signals', () => {
  it('seeds published signals for Beverwijk in every state, on its own themes and areas, with counts that agree with their supports', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    expect(await seedDemoIfEmpty(t.database.db, now)).toBe(true)
    const list = await listPublishedSignals(t.database.db, 'beverwijk', SignalListQuerySchema.parse({ limit: 100 }))
    expect(list.signals.length).toBeGreaterThanOrEqual(5)
    // The demo seeds exactly these five, one per status.
    expect(list.signals).toHaveLength(SIGNAL_STATUSES.length)
    expect(new Set(list.signals.map((s) => s.status))).toEqual(new Set(SIGNAL_STATUSES))
    expect(list.signals.every((s) => s.theme !== null && (DEFAULT_THEMES as readonly string[]).includes(s.theme))).toBe(true)
    const [beverwijk] = await queryRows<{ areas: string[] }>(t.database.db, sql`select areas from municipalities where slug = 'beverwijk'`)
    expect(list.signals.filter((s) => s.area !== null).every((s) => beverwijk!.areas.includes(s.area!))).toBe(true)
    // An answered or not-taken-up signal has its answer; not taken up also says why.
    for (const s of list.signals.filter((x) => x.status === 'answered' || x.status === 'not_taken_up')) expect(s.response).toBeTruthy()
    expect(list.signals.find((s) => s.status === 'not_taken_up')?.statusReason).toBeTruthy()
    // One is past its due date without an answer: the accountability list has something to show.
    expect(list.signals.some((s) => s.response === null && Date.parse(s.responseDueAt) < now.getTime())).toBe(true)
    const mismatched = await queryRows<{ id: string }>(
      t.database.db,
      sql`select s.id from signals s left join signal_supports p on p.signal_id = s.id group by s.id having s.support_count <> count(p.signal_id)`,
    )
    expect(mismatched).toEqual([])
  })
})
