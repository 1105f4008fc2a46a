import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { saveAnswer, waitingCount } from '../../../../src/client/db/submissions-repo'
import { applyResults, nextBatch, parkRefused, recordAttempt } from '../../../../src/client/sync/outbox'
import { makeItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`outbox-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

const item = makeItem({
  questions: [{ id: 'q1', type: 'text', label: 'Zeg het maar', required: true, max: 5000 }],
})

async function saveTexts(db: MeepraatDb, texts: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const text of texts) ids.push((await saveAnswer(db, { item, answers: { q1: text } })).id)
  return ids
}

describe('outbox', () => {
  it('reads entries oldest first and skips parked ones', async () => {
    const db = freshDb()
    const ids = await saveTexts(db, ['een', 'twee', 'drie'])
    await db.outbox.where('key').equals(ids[1] ?? '').modify({ parked: { reason: 'item_closed', at: 'x' } })
    expect((await nextBatch(db)).map((e) => e.key)).toEqual([ids[0], ids[2]])
  })

  it('takes an entry set aside only when nothing else waits and it is due, and then alone', async () => {
    const db = freshDb()
    const ids = await saveTexts(db, ['een', 'twee', 'drie'])
    await db.outbox.where('key').anyOf([ids[0] ?? '', ids[1] ?? '']).modify((entry) => {
      entry.aside = { reason: 'server_error', at: 'x', retryAt: entry.key === ids[0] ? 2000 : 1000 }
    })
    expect((await nextBatch(db, { now: 5000 })).map((e) => e.key)).toEqual([ids[2]])
    await db.outbox.where('key').equals(ids[2] ?? '').delete()
    expect(await nextBatch(db, { now: 500 })).toEqual([])
    expect((await nextBatch(db, { now: 5000 })).map((e) => e.key)).toEqual([ids[1]])
    const seq = (await db.outbox.where('key').equals(ids[1] ?? '').first())?.seq ?? -1
    expect((await nextBatch(db, { now: 5000, exclude: new Set([seq]) })).map((e) => e.key)).toEqual([ids[0]])
  })

  it('stops a batch at the count limit', async () => {
    const db = freshDb()
    const ids = await saveTexts(db, ['a', 'b', 'c'])
    expect((await nextBatch(db, { maxCount: 2 })).map((e) => e.key)).toEqual(ids.slice(0, 2))
  })

  it('stops a batch before the byte limit, never skipping ahead', async () => {
    const db = freshDb()
    const ids = await saveTexts(db, ['x'.repeat(3000), 'y'.repeat(3000), 'z'])
    // Room for one long answer only: the short third one must not overtake the second.
    expect((await nextBatch(db, { maxBytes: 1024 + 4000 })).map((e) => e.key)).toEqual(ids.slice(0, 1))
  })

  it('always takes the first entry, even when it alone is over the byte limit', async () => {
    const db = freshDb()
    await saveTexts(db, ['x'.repeat(3000)])
    expect(await nextBatch(db, { maxBytes: 1024 + 10 })).toHaveLength(1)
  })

  it('counts attempts', async () => {
    const db = freshDb()
    await saveTexts(db, ['a'])
    await recordAttempt(db, await nextBatch(db))
    expect((await db.outbox.toArray())[0]?.attempts).toBe(1)
  })

  it('removes accepted and duplicate entries, marks them sent, and parks rejected ones with the reason', async () => {
    const db = freshDb()
    const [accepted, duplicate, rejected, unanswered] = await saveTexts(db, ['a', 'b', 'c', 'd'])
    const batch = await nextBatch(db)
    const outcome = await applyResults(
      db,
      batch,
      [
        { id: accepted ?? '', status: 'accepted' },
        { id: duplicate ?? '', status: 'duplicate' },
        { id: rejected ?? '', status: 'rejected', reason: 'item_closed' },
      ],
      '2025-06-01T12:00:00.000Z',
    )
    expect(outcome).toEqual({ sent: 2, rejected: 1, unanswered: 1 })
    expect(await db.submissions.get(accepted ?? '')).toMatchObject({ state: 'sent', sentAt: '2025-06-01T12:00:00.000Z' })
    expect(await db.submissions.get(duplicate ?? '')).toMatchObject({ state: 'sent' })
    expect(await db.submissions.get(rejected ?? '')).toMatchObject({ state: 'rejected', reason: 'item_closed' })
    expect(await db.submissions.get(unanswered ?? '')).toMatchObject({ state: 'saved' })
    const left = await db.outbox.toArray()
    expect(left.map((e) => [e.key, e.parked?.reason])).toEqual([
      [rejected, 'item_closed'],
      [unanswered, undefined],
    ])
    expect(await waitingCount(db)).toBe(1)
  })

  it('applies the results of a drained batch of 200 in one transaction, losing none when accepted, duplicate, rejected and unanswered mix', async () => {
    const db = freshDb()
    const ids = await saveTexts(db, Array.from({ length: 200 }, (_, i) => `antwoord ${i}`))
    const batch = await nextBatch(db, { maxCount: 200 })
    expect(batch).toHaveLength(200)
    const statusOf = (i: number) => (i < 100 ? 'accepted' : i < 150 ? 'duplicate' : i < 190 ? 'rejected' : 'unanswered')
    const results = ids.flatMap((id, i) => {
      const status = statusOf(i)
      if (status === 'unanswered') return []
      if (status === 'rejected') return [i % 2 === 0 ? { id, status, reason: 'item_closed' } : { id, status }]
      return [{ id, status }]
    })
    const transactions = vi.spyOn(db, 'transaction')
    const outcome = await applyResults(db, batch, results as Parameters<typeof applyResults>[2], '2025-06-01T12:00:00.000Z')
    expect(transactions).toHaveBeenCalledTimes(1)
    transactions.mockRestore()

    expect(outcome).toEqual({ sent: 150, rejected: 40, unanswered: 10 })
    const records = await db.submissions.bulkGet(ids)
    const outbox = new Map((await db.outbox.toArray()).map((entry) => [entry.key, entry]))
    ids.forEach((id, i) => {
      const record = records[i]
      const entry = outbox.get(id)
      switch (statusOf(i)) {
        case 'accepted':
        case 'duplicate':
          expect(record).toMatchObject({ state: 'sent', sentAt: '2025-06-01T12:00:00.000Z' })
          expect(entry).toBeUndefined()
          break
        case 'rejected': {
          // Without a reason from the server, an answer keeps its kind's own.
          const reason = i % 2 === 0 ? 'item_closed' : 'invalid_answers'
          expect(record).toMatchObject({ state: 'rejected', reason })
          expect(entry?.parked).toEqual({ reason, at: '2025-06-01T12:00:00.000Z' })
          break
        }
        default:
          expect(record).toMatchObject({ state: 'saved' })
          expect(entry?.parked).toBeUndefined()
      }
    })
    expect(await waitingCount(db)).toBe(10)
  }, 60_000)

  it('parks refused entries as bad_request without deleting them', async () => {
    const db = freshDb()
    const [id] = await saveTexts(db, ['a'])
    await parkRefused(db, await nextBatch(db), '2025-06-01T12:00:00.000Z')
    expect(await db.submissions.get(id ?? '')).toMatchObject({ state: 'rejected', reason: 'bad_request' })
    expect((await db.outbox.toArray())[0]?.parked).toEqual({ reason: 'bad_request', at: '2025-06-01T12:00:00.000Z' })
    expect(await nextBatch(db)).toEqual([])
  })
})
