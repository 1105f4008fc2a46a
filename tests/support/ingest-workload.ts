import { and, eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { Db } from '../../src/server/db/client'
import { queryRows } from '../../src/server/db/client'
import { currentAnswers, submissionReceipts } from '../../src/server/db/schema'
import { runDataMigrations } from '../../src/server/db/data-migrations'
import { BREAKDOWN_DIMENSIONS, breakdownKeys, readBreakdownCounts } from '../../src/server/repos/breakdown-counts'
import { answerBreakdowns, answerBreakdownsFromAnswers } from '../../src/server/repos/breakdown-repo'
import { eraseDeviceRows } from '../../src/server/repos/my-data-repo'
import { findManagedItemById } from '../../src/server/repos/managed-item-repo'
import { breakdown, setAnswerHidden, visibleAnswers } from '../../src/server/repos/input-repo'
import { countKeys, readCounts, RESPONDENTS_KEY, TALLY_SHARDS } from '../../src/server/repos/result-counts'
import { ingestSubmissions, type IngestSubmission } from '../../src/server/repos/submission-repo'
import type { Item } from '../../src/shared/schemas/item'
import type { Answers, Question } from '../../src/shared/schemas/question'
import type { SubmissionResult } from '../../src/shared/schemas/submission'
import { testDeviceKeys } from './device-keys'
import { aSubmission, givenItem, newDeviceId, pollQuestions } from './factories'

/**
 * Workloads for the ingest statements that run the same on both databases (the embedded and the
 * PostgreSQL test files call them): exactly once under parallel replays, and tallies that always
 * equal a recount of the current answers.
 */

/** Posts the same batch `times` times at once, straight to the repo (no group commit to merge them). */
export async function replayInParallel(db: Db, batch: IngestSubmission[], receivedAt: Date, times: number): Promise<SubmissionResult[][]> {
  return Promise.all(Array.from({ length: times }, () => ingestSubmissions(db, batch, receivedAt, testDeviceKeys)))
}

export async function expectStoredExactlyOnce(db: Db, batch: IngestSubmission[], replies: SubmissionResult[][]): Promise<void> {
  for (const s of batch) {
    const statuses = replies.map((reply) => reply.find((r) => r.id === s.id)?.status)
    expect(statuses.filter((status) => status === 'accepted'), `accepted once: ${s.id}`).toHaveLength(1)
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(replies.length - 1)
  }
  const [receipts] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${submissionReceipts} where ${submissionReceipts.id} in ${batch.map((s) => s.id)}`)
  expect(receipts?.n).toBe(batch.length)
}

/** The tallies of an item as a plain object, zero rows left out. */
async function talliesOf(db: Db, itemId: string): Promise<Record<string, number>> {
  const counts = await readCounts(db, itemId)
  const flat: Record<string, number> = {}
  for (const [questionId, values] of counts) for (const [valueKey, n] of values) if (n !== 0) flat[`${questionId}/${valueKey}`] = n
  return flat
}

/** The tallies recounted from scratch: every visible current answer once, with its keys. */
async function recountOf(db: Db, itemId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ answers: currentAnswers.answers })
    .from(currentAnswers)
    .where(and(eq(currentAnswers.itemId, itemId), eq(currentAnswers.hidden, false)))
  const flat: Record<string, number> = {}
  const add = (key: string) => (flat[key] = (flat[key] ?? 0) + 1)
  for (const r of rows) {
    add(`${RESPONDENTS_KEY.questionId}/${RESPONDENTS_KEY.valueKey}`)
    for (const k of countKeys(pollQuestions, r.answers)) add(`${k.questionId}/${k.valueKey}`)
  }
  return flat
}

export async function expectTalliesEqualRecount(db: Db, itemId: string): Promise<void> {
  expect(await talliesOf(db, itemId)).toEqual(await recountOf(db, itemId))
}

/** The stored breakdown tallies of an item, summed over shards, as a plain object. */
async function breakdownTalliesOf(db: Db, itemId: string): Promise<Record<string, number>> {
  const flat: Record<string, number> = {}
  for (const r of await readBreakdownCounts(db, itemId, BREAKDOWN_DIMENSIONS)) flat[`${r.dimension}/${r.groupKey}/${r.questionId}/${r.valueKey}`] = r.count
  return flat
}

/** The breakdown tallies recounted from every visible current answer. */
async function breakdownRecountOf(db: Db, itemId: string, questions: readonly Question[]): Promise<Record<string, number>> {
  const rows = await visibleAnswers(db, itemId)
  const flat: Record<string, number> = {}
  for (const r of rows) {
    for (const k of breakdownKeys(questions, r.answers, r)) {
      const key = `${k.dimension}/${k.groupKey}/${k.questionId}/${k.valueKey}`
      flat[key] = (flat[key] ?? 0) + 1
    }
  }
  return flat
}

/**
 * The breakdowns read from the tallies equal the grouping over `current_answers` that officials
 * read before (and the answer-by-answer count), in every dimension, and the raw tallies equal a
 * recount (the shown breakdowns hide small cells, the raw tallies do not).
 */
export async function expectBreakdownsEqualRecount(db: Db, item: Item): Promise<void> {
  expect(await breakdownTalliesOf(db, item.id)).toEqual(await breakdownRecountOf(db, item.id, item.questions))
  const fromTallies = await answerBreakdowns(db, item.id, item.questions, BREAKDOWN_DIMENSIONS)
  expect(fromTallies).toEqual(await answerBreakdownsFromAnswers(db, item.id, item.questions, BREAKDOWN_DIMENSIONS))
  const rows = await visibleAnswers(db, item.id)
  expect(fromTallies.channel).toEqual(breakdown(item.questions, rows, (r) => r.channel))
  expect(fromTallies.partnerId).toEqual(breakdown(item.questions, rows, (r) => r.partnerId))
}

const ANSWER_SETS: Answers[] = [
  { q1: 'ja', q2: ['a', 'b'], q3: 4, q4: 'Meer licht' },
  { q1: 'nee', q2: ['c'], q3: 1 },
  { q1: 'ja' },
  { q1: 'nee', q3: 5, q4: 'Bankjes' },
]

/**
 * A mixed workload on one item: devices answering once, answering again (newer replaces
 * older), an older answer arriving late, answers that do not fit (rejected), replays of stored
 * ids, an answer hidden by moderation and then replaced, all sent in parallel groups.
 */
export async function mixedWorkload(db: Db, item: Item, now: Date, officialId: string): Promise<void> {
  const devices = Array.from({ length: 24 }, () => newDeviceId())
  const at = (ms: number) => new Date(now.getTime() - 3_600_000 + ms).toISOString()
  const profileOf = (i: number) => (i % 4 ? { profile: { ageBand: AGE_BANDS[i % 3]!, area: i % 5 ? 'Oost' : 'West' } } : {})
  const first = devices.map((deviceId, i) => aSubmission(item.id, { deviceId, answeredAt: at(i * 1000), answers: ANSWER_SETS[i % ANSWER_SETS.length]!, ...profileOf(i) }))
  // The newer answer may also move the device to another group (a new profile, or none).
  const again = devices.filter((_, i) => i % 3 === 0).map((deviceId, i) => aSubmission(item.id, { deviceId, answeredAt: at(600_000 + i), answers: ANSWER_SETS[(i + 1) % ANSWER_SETS.length]!, ...profileOf(i + 1) }))
  const late = devices.filter((_, i) => i % 3 === 0).map((deviceId) => aSubmission(item.id, { deviceId, answeredAt: at(1), answers: { q1: 'nee' } }))
  const misfits = devices.slice(0, 4).map((deviceId) => aSubmission(item.id, { deviceId, answeredAt: at(700_000), answers: { q1: 'misschien' } }))
  const onPaper: IngestSubmission = { ...aSubmission(item.id, { answeredAt: at(5), answers: { q1: 'ja', q3: 2 } }), channel: 'paper', partnerId: crypto.randomUUID() }
  const byPhone: IngestSubmission = { ...aSubmission(item.id, { answeredAt: at(6), answers: { q1: 'nee', q2: ['a'] }, profile: { ageBand: '65+' } }), channel: 'phone', partnerId: null }

  const split = (list: IngestSubmission[], parts: number) => Array.from({ length: parts }, (_, p) => list.filter((_, i) => i % parts === p))
  await Promise.all(split([...first, onPaper, byPhone], 5).map((part) => ingestSubmissions(db, part, now, testDeviceKeys)))
  // Hide one answer, then let its device answer again: the replacement counts afresh.
  const hiddenDevice = first[1]!
  expect(await setAnswerHidden(db, item, hiddenDevice.id, { hidden: true, reason: 'off_topic', by: officialId, at: now })).toBe(true)
  const afterHidden = aSubmission(item.id, { deviceId: hiddenDevice.deviceId, answeredAt: at(800_000), answers: { q1: 'ja', q2: ['a'] } })
  // Hide one more that stays hidden.
  expect(await setAnswerHidden(db, item, first[2]!.id, { hidden: true, reason: 'insulting', by: officialId, at: now })).toBe(true)
  await Promise.all([
    ...split([...again, ...late, ...misfits, afterHidden], 4).map((part) => ingestSubmissions(db, part, now, testDeviceKeys)),
    // Replays of stored ids, also in parallel with the rest.
    ingestSubmissions(db, first.slice(0, 10), now, testDeviceKeys),
    ingestSubmissions(db, first.slice(5, 15), now, testDeviceKeys),
  ])
  // A resident erases everything of theirs: the answer leaves the tallies with them.
  await db.transaction((tx) => eraseDeviceRows(tx, testDeviceKeys.all(first[5]!.deviceId), now))
}

const AGE_BANDS = ['16-17', '18-23', '65+'] as const

/** The ingest statements' cases, run on the embedded database and on PostgreSQL (`ingest-statements*.test.ts`). */
export function ingestStatementCases(db: () => Db): void {
  it('store each submission exactly once when the same batch is replayed 20 times at once', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const batch = Array.from({ length: 12 }, () => aSubmission(itemId, { answeredAt: now.toISOString(), answers: { q1: 'ja', q2: ['b'], q3: 3 } }))
    await expectStoredExactlyOnce(db(), batch, await replayInParallel(db(), batch, now, 20))
    await expectTalliesEqualRecount(db(), itemId)
  })

  it('keep the tallies equal to a recount of the current answers after a mixed workload', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const item = await findManagedItemById(db(), itemId, now)
    await mixedWorkload(db(), item!, now, crypto.randomUUID())
    await expectTalliesEqualRecount(db(), itemId)
  })

  it('keep the breakdown tallies equal to a recount of the current answers after a mixed workload', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const item = (await findManagedItemById(db(), itemId, now))!
    await mixedWorkload(db(), item, now, crypto.randomUUID())
    await expectBreakdownsEqualRecount(db(), item)
  })

  it('sum tallies written on every shard to the counts of the answers, when parallel groups replay and replace', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const item = (await findManagedItemById(db(), itemId, now))!
    const devices = Array.from({ length: 30 }, () => newDeviceId())
    const batch = devices.map((deviceId, i) => aSubmission(itemId, { deviceId, answeredAt: new Date(now.getTime() - 60_000).toISOString(), answers: ANSWER_SETS[i % 4]!, profile: { area: `Wijk ${i % 3}` } }))
    const newer = devices.map((deviceId, i) => aSubmission(itemId, { deviceId, answeredAt: now.toISOString(), answers: ANSWER_SETS[(i + 1) % 4]!, profile: { area: `Wijk ${i % 2}` } }))
    // Each replay on its own shard; then the newer answers, each group on yet another shard.
    const replies = await Promise.all(Array.from({ length: 20 }, (_, shard) => ingestSubmissions(db(), batch, now, testDeviceKeys, shard)))
    await expectStoredExactlyOnce(db(), batch, replies)
    await Promise.all([0, 1, 2].map((p) => ingestSubmissions(db(), newer.filter((_, i) => i % 3 === p), now, testDeviceKeys, TALLY_SHARDS - 1 - p)))
    const [shards] = await queryRows<{ n: number }>(db(), sql`select count(distinct shard)::int as n from result_counts where item_id = ${itemId}`)
    expect(shards?.n).toBeGreaterThan(1)
    // The newer answers' groups wrote on the shards they were given, in both kinds of tally.
    for (const table of ['result_counts', 'breakdown_counts']) {
      const rows = await queryRows<{ shard: number }>(db(), sql`select distinct shard from ${sql.raw(table)} where item_id = ${itemId}`)
      expect(rows.map((r) => Number(r.shard))).toEqual(expect.arrayContaining([TALLY_SHARDS - 3, TALLY_SHARDS - 2, TALLY_SHARDS - 1]))
    }
    await expectTalliesEqualRecount(db(), itemId)
    await expectBreakdownsEqualRecount(db(), item)
    expect((await readCounts(db(), itemId)).get('')?.get('')).toBe(30)
    // The officials' list sums the shards too.
    expect((await findManagedItemById(db(), itemId, now))?.respondents).toBe(30)
  })

  it('fill the breakdown tallies of answers stored before them in the data step', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const item = (await findManagedItemById(db(), itemId, now))!
    await mixedWorkload(db(), item, now, crypto.randomUUID())
    // As a database migrated to 0020 finds it: answers, no breakdown tallies, the step pending.
    await db().execute(sql`delete from breakdown_counts`)
    await db().execute(sql`insert into pending_data_migrations (name) values ('breakdown_counts')`)
    expect(await runDataMigrations(db(), undefined)).toBe('done')
    await expectBreakdownsEqualRecount(db(), item)
    expect(await runDataMigrations(db(), undefined)).toBe('nothing_to_do')
  })

  it('store the channel and partner when given, and app without a partner otherwise', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const partnerId = crypto.randomUUID()
    const onPaper: IngestSubmission = { ...aSubmission(itemId, { answeredAt: now.toISOString() }), channel: 'paper', partnerId }
    const inApp = aSubmission(itemId, { answeredAt: now.toISOString() })
    await ingestSubmissions(db(), [onPaper, inApp], now, testDeviceKeys)
    const stored = await db()
      .select({ submissionId: currentAnswers.submissionId, channel: currentAnswers.channel, partnerId: currentAnswers.partnerId })
      .from(currentAnswers)
      .where(and(eq(currentAnswers.itemId, itemId)))
    expect(stored.find((r) => r.submissionId === onPaper.id)).toMatchObject({ channel: 'paper', partnerId })
    expect(stored.find((r) => r.submissionId === inApp.id)).toMatchObject({ channel: 'app', partnerId: null })
  })
}


/** The database-summed breakdowns against the answer-by-answer count, on both databases (`breakdown-repo*.test.ts`). */
export function breakdownCases(db: () => Db): void {
  it('equal the breakdowns counted answer by answer, per age band, area and municipality, hidden answers left out', async () => {
    const now = new Date()
    const itemId = await givenItem(db(), now)
    const item = (await findManagedItemById(db(), itemId, now))!
    await mixedWorkload(db(), item, now, crypto.randomUUID())
    // Enough answers per group that cells are shown, not suppressed.
    const more = Array.from({ length: 90 }, (_, i) =>
      aSubmission(itemId, {
        answeredAt: now.toISOString(),
        answers: { q1: i % 3 ? 'ja' : 'nee', ...(i % 2 ? { q2: ['a', 'b'] } : { q2: ['c'] }), q3: (i % 5) + 1, q4: 'tekst' },
        ...(i % 4 ? { profile: { ageBand: AGE_BANDS[i % 3]!, area: i % 5 ? 'Centrum' : 'Noord' } } : {}),
      }),
    )
    await ingestSubmissions(db(), more, now, testDeviceKeys)

    const rows = await visibleAnswers(db(), itemId)
    const summed = await answerBreakdowns(db(), itemId, item.questions, ['ageBand', 'area', 'municipality'])
    expect(summed.ageBand).toEqual(breakdown(item.questions, rows, (r) => r.ageBand))
    expect(summed.area).toEqual(breakdown(item.questions, rows, (r) => r.area))
    expect(summed.municipality).toEqual(breakdown(item.questions, rows, (r) => r.municipality))
    // Not trivially equal: groups are shown and counted.
    const centrum = summed.area.find((g) => g.group === 'Centrum')
    // 54 of the 90 have a profile in Centrum (i % 4 and i % 5 both non-zero): 36 said ja, 18 nee.
    expect(centrum?.respondents).toBe(54)
    expect(centrum?.questions.find((q) => q.questionId === 'q1')?.counts).toEqual([
      { key: 'ja', count: 36 },
      { key: 'nee', count: 18 },
    ])
  })
}
