import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { checkTallies } from '../../../src/server/backup/tallies'
import type { Db } from '../../../src/server/db/client'
import { findManagedItemById } from '../../../src/server/repos/managed-item-repo'
import { TALLY_SHARDS } from '../../../src/server/repos/result-counts'
import { givenItem } from '../../support/factories'
import { mixedWorkload } from '../../support/ingest-workload'

/** Two items with answers of every kind (replaced, hidden, erased, on paper), as the ingest and moderation leave them. */
async function givenAnsweredItems(db: Db): Promise<string[]> {
  const now = new Date()
  const ids = [await givenItem(db, now), await givenItem(db, now, { title: 'Tweede peiling' })]
  for (const id of ids) await mixedWorkload(db, (await findManagedItemById(db, id, now))!, now, crypto.randomUUID())
  return ids
}

/** Adds 1 to a tally by hand, on a shard of its own (a row there may exist already or not). */
async function addByHand(db: Db, table: 'result_counts' | 'breakdown_counts', key: Record<string, string>): Promise<void> {
  const columns = [...Object.keys(key), 'shard', 'count']
  const values = [...Object.values(key).map((v) => sql`${v}`), sql`${TALLY_SHARDS - 1}`, sql`1`]
  await db.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values (${sql.join(values, sql`, `)})
    on conflict (${sql.raw([...Object.keys(key), 'shard'].join(', '))}) do update set count = ${sql.identifier(table)}.count + 1`)
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
}
