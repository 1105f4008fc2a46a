import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { currentAnswers, items, partnerOrganisations } from '../../../src/server/db/schema'
import { seedDemoIfEmpty } from '../../../src/server/demo/seed'
import { publishedAgenda } from '../../../src/server/repos/participation-agenda-repo'
import { answerBreakdowns } from '../../../src/server/repos/breakdown-repo'
import { readCounts } from '../../../src/server/repos/result-counts'
import type { Item } from '../../../src/shared/schemas/item'
import { expectBreakdownsEqualRecount } from '../../support/ingest-workload'
import { createTestDatabase, type TestDatabase } from '../../support/test-database'

let t: TestDatabase
const now = new Date('2026-06-01T12:00:00Z')
beforeAll(async () => {
  t = await createTestDatabase()
  await seedDemoIfEmpty(t.database.db, now)
})
afterAll(async () => t.dispose())

describe('the demo participation agenda', () => {
  it('publishes Beverwijk\'s agenda for this year and next, with topics from the demo themes and the demo items linked', async () => {
    const db = t.database.db
    const thisYear = await publishedAgenda(db, 'beverwijk', 2026, now)
    const nextYear = await publishedAgenda(db, 'beverwijk', 2027, now)
    const entries = [...(thisYear?.entries ?? []), ...(nextYear?.entries ?? [])]
    expect(entries.length).toBeGreaterThanOrEqual(5)
    expect(entries.length).toBeLessThanOrEqual(8)
    // The demo's topics: four this year, three next.
    expect(thisYear?.entries).toHaveLength(4)
    expect(nextYear?.entries).toHaveLength(3)
    expect(new Set(entries.map((e) => e.theme))).toEqual(new Set(['opgroeien', 'meedoen', 'rondkomen', 'wonen en vervoer']))
    expect(thisYear?.entries.find((e) => e.title === 'Jongeren praten mee')?.items.map((i) => i.title)).toEqual(['Mogen jongeren meepraten?'])
  })

  it('has two partner organisations and answers on paper and by phone, counted in the poll\'s tallies', async () => {
    const db = t.database.db
    expect(await db.select().from(partnerOrganisations).where(eq(partnerOrganisations.municipality, 'beverwijk'))).toHaveLength(2)
    const [poll] = await db.select().from(items).where(and(eq(items.municipality, 'beverwijk'), eq(items.title, 'Mogen jongeren meepraten?')))
    const rows = await db.select().from(currentAnswers).where(eq(currentAnswers.itemId, poll!.id))
    const channels = rows.map((r) => r.channel)
    expect(channels.filter((c) => c === 'paper')).toHaveLength(7)
    expect(channels.filter((c) => c === 'phone')).toHaveLength(3)
    const counts = await readCounts(db, poll!.id)
    expect(counts.get('')?.get('')).toBe(rows.length)
    expect(counts.get('belangrijk')?.get('ja')).toBe(rows.filter((r) => r.answers.belangrijk === 'ja').length)
  })

  it('keeps the poll\'s breakdown tallies equal to a recount, so the channel and partner breakdowns show the collected answers', async () => {
    const db = t.database.db
    const [row] = await db.select().from(items).where(and(eq(items.municipality, 'beverwijk'), eq(items.title, 'Mogen jongeren meepraten?')))
    const poll = { id: row!.id, questions: row!.questions } as Item
    await expectBreakdownsEqualRecount(db, poll)
    const byChannel = (await answerBreakdowns(db, poll.id, poll.questions, ['channel'])).channel!
    // Three by phone is a group too small to show its count.
    expect(byChannel.map((g) => [g.group, g.respondents]).sort()).toEqual([['paper', 7], ['phone', null]])
  })
})
