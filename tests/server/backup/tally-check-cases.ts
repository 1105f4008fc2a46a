import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { checkTallies } from '../../../src/server/backup/tallies'
import type { Db } from '../../../src/server/db/client'
import { recordAudit } from '../../../src/server/repos/audit-repo'
import { findManagedItemById } from '../../../src/server/repos/managed-item-repo'
import { eraseDeviceRows } from '../../../src/server/repos/my-data-repo'
import { TALLY_SHARDS } from '../../../src/server/repos/result-counts'
import { ingestSubmissions } from '../../../src/server/repos/submission-repo'
import type { Answers, Question } from '../../../src/shared/schemas/question'
import { testDeviceKeys } from '../../support/device-keys'
import { aSubmission, editItem, givenItem, pollQuestions } from '../../support/factories'
import { mixedWorkload } from '../../support/ingest-workload'

const HOUR = 3_600_000

/** Two items with answers of every kind (replaced, hidden, erased, on paper), as the ingest and moderation leave them. */
async function givenAnsweredItems(db: Db): Promise<string[]> {
  const now = new Date()
  const ids = [await givenItem(db, now), await givenItem(db, now, { title: 'Tweede peiling' })]
  for (const id of ids) await mixedWorkload(db, (await findManagedItemById(db, id, now))!, now, crypto.randomUUID())
  return ids
}

/** Adds `delta` (1 unless told) to a tally by hand, on a shard of its own (a row there may exist already or not). */
async function addByHand(db: Db, table: 'result_counts' | 'breakdown_counts', key: Record<string, string>, delta = 1): Promise<void> {
  const columns = [...Object.keys(key), 'shard', 'count']
  const values = [...Object.values(key).map((v) => sql`${v}`), sql`${TALLY_SHARDS - 1}`, sql`${delta}`]
  await db.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values (${sql.join(values, sql`, `)})
    on conflict (${sql.raw([...Object.keys(key), 'shard'].join(', '))}) do update set count = ${sql.identifier(table)}.count + ${delta}`)
}

/** The poll's questions plus the multi-value types whose one answer adds to several keys of one question. */
const questions: Question[] = [
  ...pollQuestions,
  { id: 'plek', type: 'ranking', label: 'Wat eerst?', required: false, max: 2, options: [{ id: 'park', label: 'Park' }, { id: 'veld', label: 'Sportveld' }, { id: 'jeugd', label: 'Jongerencentrum' }] },
  { id: 'buurt', type: 'matrix', label: 'Mijn buurt', required: false, rows: [{ id: 'veilig', label: 'Is veilig' }, { id: 'schoon', label: 'Is schoon' }] },
]

const ANSWERS: Answers[] = [
  { q1: 'nee', q3: 2 },
  { q1: 'ja', q2: ['a', 'b'], q3: 4, q4: 'Meer licht', plek: ['park', 'veld'], buurt: { veilig: 4, schoon: 2 } },
  { q1: 'ja', q2: ['b'], plek: ['veld', 'park'], buurt: { veilig: 4 } },
]

/**
 * An item `open` or closed at `now` (closed an hour ago), answered by three residents while it
 * was open; `erased` of them (the first ones) then erase their data at `now`.
 */
async function givenErasedAnswers(db: Db, now: Date, { open, erased }: { open: boolean; erased: number }): Promise<string> {
  const opensAt = new Date(now.getTime() - 48 * HOUR)
  const itemId = await givenItem(db, now, { questions, opensAt, closesAt: new Date(now.getTime() + (open ? 10 : -1) * HOUR) })
  const receivedAt = new Date(now.getTime() - 2 * HOUR)
  const residents = ANSWERS.map((answers, i) => aSubmission(itemId, { answeredAt: receivedAt.toISOString(), answers, profile: { ageBand: i ? '65+' : '16-17' } }))
  expect((await ingestSubmissions(db, residents, receivedAt, testDeviceKeys)).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted'])
  for (const r of residents.slice(0, erased)) await db.transaction((tx) => eraseDeviceRows(tx, testDeviceKeys.all(r.deviceId), now))
  return itemId
}

/** `checkTallies` (the backup and migration check), on both databases (`tally-check*.test.ts`). */
export function tallyCheckCases(db: () => Db): void {
  it('report no item when both kinds of tally equal a recount of the answers', async () => {
    await givenAnsweredItems(db())
    const check = await checkTallies(db())
    expect(check.mismatchedItems).toEqual([])
    expect(check.results.mismatchedItems).toEqual([])
    expect(check.breakdowns.mismatchedItems).toEqual([])
    // Both kinds were compared, and `compared` counts both.
    expect(check.results.compared).toBeGreaterThan(0)
    expect(check.breakdowns.compared).toBeGreaterThan(check.results.compared)
    expect(check.compared).toBe(check.results.compared + check.breakdowns.compared)
  })

  it('report the item whose breakdown tally was changed by hand, and only as a breakdown mismatch', async () => {
    const [first, second] = await givenAnsweredItems(db())
    await addByHand(db(), 'breakdown_counts', { item_id: second!, dimension: 'ageBand', group_key: '65+', question_id: 'q1', value_key: 'nee' })
    const check = await checkTallies(db())
    expect(check.breakdowns.mismatchedItems).toEqual([second])
    expect(check.results.mismatchedItems).toEqual([])
    expect(check.mismatchedItems).toEqual([second])
    expect(check.mismatchedItems).not.toContain(first)
  })

  it('report an item whose breakdown tallies are missing for a group that has answers', async () => {
    const [first] = await givenAnsweredItems(db())
    await db().execute(sql`delete from breakdown_counts where item_id = ${first!} and dimension = 'channel' and group_key = 'paper'`)
    expect((await checkTallies(db())).mismatchedItems).toEqual([first])
  })

  it('still report a result tally changed by hand, as a result mismatch', async () => {
    const [first] = await givenAnsweredItems(db())
    await addByHand(db(), 'result_counts', { item_id: first!, question_id: 'q1', value_key: 'ja' })
    const check = await checkTallies(db())
    expect(check.results.mismatchedItems).toEqual([first])
    expect(check.breakdowns.mismatchedItems).toEqual([])
    expect(check.mismatchedItems).toEqual([first])
  })

  it('pass a closed item whose residents erased their answers after it closed: its final results keep their counts, reported as kept after erasure', async () => {
    const now = new Date()
    const [open] = await givenAnsweredItems(db())
    const closed = await givenErasedAnswers(db(), now, { open: false, erased: 2 })
    const check = await checkTallies(db(), now)
    expect(check.mismatchedItems).toEqual([])
    expect(check.results.mismatchedItems).toEqual([])
    expect(check.results.keptAfterErasure).toEqual([closed])
    // The breakdowns moved with the erasure, and the open item's erasure left its results exact.
    expect(check.breakdowns.mismatchedItems).toEqual([])
    expect(check.results.keptAfterErasure).not.toContain(open)
  })

  it('still report a closed item whose result tally was lowered by hand, also beside erased answers', async () => {
    const now = new Date()
    const untouched = await givenErasedAnswers(db(), now, { open: false, erased: 0 })
    const kept = await givenErasedAnswers(db(), now, { open: false, erased: 1 })
    await addByHand(db(), 'result_counts', { item_id: untouched, question_id: 'q1', value_key: 'nee' }, -1)
    await addByHand(db(), 'result_counts', { item_id: kept, question_id: 'plek', value_key: 'veld:1' }, -1)
    const check = await checkTallies(db(), now)
    expect(check.results.mismatchedItems).toEqual([kept, untouched].sort())
    expect(check.results.keptAfterErasure).toEqual([])
  })

  it('still report a closed item whose result tally exceeds the recount by more than the erased respondents explain', async () => {
    const now = new Date()
    // One erased respondent: no key may be more than one above its recount.
    const beyondRespondents = await givenErasedAnswers(db(), now, { open: false, erased: 1 })
    await addByHand(db(), 'result_counts', { item_id: beyondRespondents, question_id: 'q3', value_key: '' })
    // A value of a question the erased answer left open: more than that question's answered excess (none).
    const beyondQuestion = await givenErasedAnswers(db(), now, { open: false, erased: 1 })
    await addByHand(db(), 'result_counts', { item_id: beyondQuestion, question_id: 'q2', value_key: 'c' })
    // No erasure at all: a raised value key, or an extra respondent without answers, is no erasure.
    const raisedAlone = await givenErasedAnswers(db(), now, { open: false, erased: 0 })
    await addByHand(db(), 'result_counts', { item_id: raisedAlone, question_id: 'buurt', value_key: 'veilig:4' })
    const check = await checkTallies(db(), now)
    expect(check.results.mismatchedItems).toEqual([beyondRespondents, beyondQuestion, raisedAlone].sort())
    expect(check.results.keptAfterErasure).toEqual([])
  })

  it('pass an item reopened after residents erased their answers while it was closed: the edit that opened it again is in the audit log', async () => {
    const now = new Date()
    const reopened = await givenErasedAnswers(db(), now, { open: false, erased: 2 })
    // Then an official gives it a later closing date (as updateItem records it).
    await editItem(db(), reopened, { closesAt: new Date(now.getTime() + 24 * HOUR) })
    await recordAudit(db(), { officialId: null, municipality: 'beverwijk', action: 'item.update', itemId: reopened, details: { status: 'open' } }, now)
    const check = await checkTallies(db(), now)
    expect(check.mismatchedItems).toEqual([])
    expect(check.results.keptAfterErasure).toEqual([reopened])
  })

  it('hold an item open now exact: counts shaped like a kept erasure are a mismatch there', async () => {
    const now = new Date()
    const open = await givenErasedAnswers(db(), now, { open: true, erased: 1 })
    // Edited after publishing, but never opened or shut by an edit: it was open at every erasure.
    await recordAudit(db(), { officialId: null, municipality: 'beverwijk', action: 'item.update', itemId: open, details: {} }, now)
    for (const [question_id, value_key] of [['', ''], ['q1', ''], ['q1', 'ja']] as const) await addByHand(db(), 'result_counts', { item_id: open, question_id, value_key })
    const check = await checkTallies(db(), now)
    expect(check.results.mismatchedItems).toEqual([open])
    expect(check.results.keptAfterErasure).toEqual([])
    expect(check.mismatchedItems).toEqual([open])
  })
}
