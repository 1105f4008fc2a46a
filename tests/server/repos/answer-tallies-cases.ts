import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { Db } from '../../../src/server/db/client'
import { currentAnswers, submissionReceipts } from '../../../src/server/db/schema'
import { applyAnswerDeltas } from '../../../src/server/repos/answer-tallies'
import { readBreakdownCounts, BREAKDOWN_DIMENSIONS } from '../../../src/server/repos/breakdown-counts'
import { setAnswerHidden } from '../../../src/server/repos/input-repo'
import { findManagedItemById } from '../../../src/server/repos/managed-item-repo'
import { eraseDeviceRows } from '../../../src/server/repos/my-data-repo'
import { readCounts } from '../../../src/server/repos/result-counts'
import { ingestSubmissions, type IngestSubmission } from '../../../src/server/repos/submission-repo'
import type { Item } from '../../../src/shared/schemas/item'
import type { Answers } from '../../../src/shared/schemas/question'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, givenItem } from '../../support/factories'
import { expectBreakdownsEqualRecount, expectTalliesEqualRecount } from '../../support/ingest-workload'

const HOUR = 3_600_000

/** Both kinds of tally of the item equal a recount of its visible current answers. */
async function expectBothEqualRecount(db: Db, item: Item): Promise<void> {
  await expectTalliesEqualRecount(db, item.id)
  await expectBreakdownsEqualRecount(db, item)
}

/** An item with answers of residents in several groups, one on paper through a partner. */
async function itemWithAnswers(db: Db, now: Date, overrides: Parameters<typeof givenItem>[2] = {}, receivedAt = now) {
  const item = (await findManagedItemById(db, await givenItem(db, now, overrides), now))!
  const answeredAt = new Date(receivedAt.getTime() - HOUR).toISOString()
  const residents = [
    aSubmission(item.id, { answeredAt, answers: { q1: 'ja', q2: ['a', 'b'], q3: 4, q4: 'Meer licht' }, profile: { ageBand: '16-17', area: 'Centrum' } }),
    aSubmission(item.id, { answeredAt, answers: { q1: 'nee', q2: ['c'], q3: 2 }, profile: { ageBand: '18-23', area: 'Noord' } }),
    aSubmission(item.id, { answeredAt, answers: { q1: 'ja' } }),
  ]
  const onPaper: IngestSubmission = { ...aSubmission(item.id, { answeredAt, answers: { q1: 'nee', q3: 5 }, profile: { ageBand: '65+' } }), channel: 'paper', partnerId: crypto.randomUUID() }
  const replies = await ingestSubmissions(db, [...residents, onPaper], receivedAt, testDeviceKeys)
  expect(replies.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted'])
  return { item, residents, onPaper }
}

/** The stored breakdown tallies, summed over shards, as one plain object (to compare before and after). */
async function breakdownTallies(db: Db, itemId: string): Promise<Record<string, number>> {
  const rows = await readBreakdownCounts(db, itemId, BREAKDOWN_DIMENSIONS)
  return Object.fromEntries(rows.map((r) => [`${r.dimension}/${r.groupKey}/${r.questionId}/${r.valueKey}`, r.count]))
}

/** Writers of answers beside the ingest, on both databases (`answer-tallies*.test.ts`). */
export function answerTallyCases(db: () => Db): void {
  it('keep the result and breakdown tallies equal to a recount when an answer is hidden and unhidden', async () => {
    const now = new Date()
    const { item, residents, onPaper } = await itemWithAnswers(db(), now)
    const officialId = crypto.randomUUID()
    for (const s of [residents[0]!, onPaper]) {
      expect(await setAnswerHidden(db(), item, s.id, { hidden: true, reason: 'off_topic', by: officialId, at: now })).toBe(true)
      await expectBothEqualRecount(db(), item)
    }
    expect((await readCounts(db(), item.id)).get('')?.get('')).toBe(2)
    // Hiding what is hidden already moves nothing.
    expect(await setAnswerHidden(db(), item, onPaper.id, { hidden: true, reason: 'insulting', by: officialId, at: now })).toBe(true)
    await expectBothEqualRecount(db(), item)
    for (const s of [residents[0]!, onPaper]) {
      expect(await setAnswerHidden(db(), item, s.id, { hidden: false })).toBe(true)
      await expectBothEqualRecount(db(), item)
    }
    expect((await readCounts(db(), item.id)).get('')?.get('')).toBe(4)
  })

  it('keep the result and breakdown tallies equal to a recount when a resident erases their answer to an open item', async () => {
    const now = new Date()
    const { item, residents } = await itemWithAnswers(db(), now)
    await db().transaction((tx) => eraseDeviceRows(tx, testDeviceKeys.all(residents[1]!.deviceId), now))
    await expectBothEqualRecount(db(), item)
    expect((await readCounts(db(), item.id)).get('')?.get('')).toBe(3)
  })

  it('move only the breakdowns when a resident erases their answer to a closed item: its final results keep the counts', async () => {
    const now = new Date()
    const closed = { opensAt: new Date(now.getTime() - 48 * HOUR), closesAt: new Date(now.getTime() - HOUR) }
    const { item, residents } = await itemWithAnswers(db(), now, closed, new Date(now.getTime() - 2 * HOUR))
    const results = await readCounts(db(), item.id)
    const before = await breakdownTallies(db(), item.id)
    await db().transaction((tx) => eraseDeviceRows(tx, testDeviceKeys.all(residents[0]!.deviceId), now))
    expect(await readCounts(db(), item.id)).toEqual(results)
    await expectBreakdownsEqualRecount(db(), item)
    // Not trivially equal: the erased resident's age band and area lost their only respondent.
    expect(before['ageBand/16-17//']).toBe(1)
    expect((await breakdownTallies(db(), item.id))['ageBand/16-17//']).toBeUndefined()
  })

  it('keep the result and breakdown tallies equal to a recount for an answer collected on paper and written beside the ingest', async () => {
    const now = new Date()
    const { item } = await itemWithAnswers(db(), now)
    // As the demo writes its collected answers: a key nobody's device has, its own respondent.
    const collected = { submissionId: crypto.randomUUID(), deviceKey: randomBytes(32).toString('base64url'), answers: { q1: 'ja', q2: ['b'], q3: 1 } as Answers }
    const profile = { ageBand: '65+', area: 'Noord', municipality: null, channel: 'phone' as const, partnerId: crypto.randomUUID() }
    await db().transaction(async (tx) => {
      await tx.insert(submissionReceipts).values({ id: collected.submissionId, itemId: item.id, deviceKey: collected.deviceKey, answeredAt: now, receivedAt: now })
      await tx.insert(currentAnswers).values({ itemId: item.id, deviceKey: collected.deviceKey, submissionId: collected.submissionId, answeredAt: now, answers: collected.answers, ...profile })
      await applyAnswerDeltas(tx, [{ itemId: item.id, questions: item.questions, after: { answers: collected.answers, profile } }])
    })
    await expectBothEqualRecount(db(), item)
    expect((await breakdownTallies(db(), item.id))[`partnerId/${profile.partnerId}//`]).toBe(1)
    // Moderation then takes it out of both again.
    expect(await setAnswerHidden(db(), item, collected.submissionId, { hidden: true, reason: 'off_topic', by: crypto.randomUUID(), at: now })).toBe(true)
    await expectBothEqualRecount(db(), item)
  })

  it('move both tallies from the old answer and group to the new ones when an answer changes', async () => {
    const now = new Date()
    const { item, residents } = await itemWithAnswers(db(), now)
    const deviceKey = testDeviceKeys.keyFor('answers', residents[1]!.deviceId)
    const where = and(eq(currentAnswers.itemId, item.id), eq(currentAnswers.deviceKey, deviceKey))
    const [row] = await db().select().from(currentAnswers).where(where)
    const after = { answers: { q1: 'ja', q2: ['a'] } as Answers, profile: { ageBand: '65+', area: 'Centrum', municipality: null, channel: 'app', partnerId: null } }
    await db().transaction(async (tx) => {
      await tx.update(currentAnswers).set({ answers: after.answers, ageBand: after.profile.ageBand, area: after.profile.area }).where(where)
      const before = { answers: row!.answers, profile: { ageBand: row!.ageBand, area: row!.area, municipality: row!.municipality, channel: row!.channel, partnerId: row!.partnerId } }
      await applyAnswerDeltas(tx, [{ itemId: item.id, questions: item.questions, before, after }])
    })
    await expectBothEqualRecount(db(), item)
    expect((await readCounts(db(), item.id)).get('')?.get('')).toBe(4)
    expect((await breakdownTallies(db(), item.id))['ageBand/18-23//']).toBeUndefined()
  })
}
