import { describe, expect, it } from 'vitest'
import { createGroupCommit } from '../../../../src/server/ingest/group-commit'
import type { Submission, SubmissionResult } from '../../../../src/shared/schemas/submission'

const sub = (id: string): Submission => ({ id, itemId: '00000000-0000-4000-8000-000000000001', deviceId: 'device-000000000000000000000', answeredAt: '2026-06-01T10:00:00Z', answers: {} })

/** An ingest whose calls the test completes by hand, recording what each call received. */
function controllableIngest() {
  const calls: { batch: Submission[]; slot: number; finish(results?: SubmissionResult[]): void; fail(e: Error): void }[] = []
  const ingest = (batch: Submission[], slot: number) =>
    new Promise<SubmissionResult[]>((resolve, reject) => {
      const unique = [...new Map(batch.map((s) => [s.id, s])).values()]
      calls.push({ batch, slot, finish: (r) => resolve(r ?? unique.map((s) => ({ id: s.id, status: 'accepted' as const }))), fail: reject })
    })
  return { calls, ingest }
}

const tick = () => new Promise((r) => setImmediate(r))

/** Settles a request into a value at once, so a failure the test expects is never unhandled. */
const settled = (p: Promise<SubmissionResult[]>) => p.then((results) => ({ results }), (error: Error) => ({ error: error.message }))

describe('group commit', () => {
  it('gives each transaction running at once a slot of its own, and a freed slot to the next', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 3, maxBatch: 1 })
    const pending = ['a', 'b', 'c', 'd'].map((id) => submit([sub(id)]))
    expect(calls.map((c) => c.slot).sort()).toEqual([0, 1, 2])
    const freed = calls[1]!.slot
    calls[1]!.finish()
    await tick()
    expect(calls).toHaveLength(4)
    expect(calls[3]!.slot).toBe(freed)
    for (const c of [calls[0]!, calls[2]!, calls[3]!]) c.finish()
    expect((await Promise.all(pending)).flat().map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted'])
  })

  it('sends a lone request at once, without waiting for company', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const pending = submit([sub('a')])
    expect(calls).toHaveLength(1)
    calls[0]!.finish()
    expect(await pending).toEqual([{ id: 'a', status: 'accepted' }])
  })

  it('stores requests that arrive during a transaction together in the next one', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const first = submit([sub('a')])
    const second = submit([sub('b'), sub('c')])
    const third = submit([sub('d')])
    expect(calls).toHaveLength(1)
    calls[0]!.finish()
    await tick()
    expect(calls).toHaveLength(2)
    expect(calls[1]!.batch.map((s) => s.id)).toEqual(['b', 'c', 'd'])
    calls[1]!.finish()
    expect(await first).toEqual([{ id: 'a', status: 'accepted' }])
    expect(await second).toEqual([
      { id: 'b', status: 'accepted' },
      { id: 'c', status: 'accepted' },
    ])
    expect(await third).toEqual([{ id: 'd', status: 'accepted' }])
  })

  it('answers duplicate to the second request carrying an id stored by the first in the same group', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const blocker = submit([sub('x')])
    const one = submit([sub('a')])
    const two = submit([sub('a')])
    calls[0]!.finish()
    await tick()
    calls[1]!.finish()
    await blocker
    expect([await one, await two]).toEqual([[{ id: 'a', status: 'accepted' }], [{ id: 'a', status: 'duplicate' }]])
  })

  it('retries each request of a failed shared transaction on its own, so only the request at fault fails', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const blocker = submit([sub('x')])
    const a = submit([sub('a')])
    const poison = settled(submit([sub('p')]))
    const b = submit([sub('b'), sub('c')])
    calls[0]!.finish()
    await tick()
    expect(calls[1]!.batch.map((s) => s.id)).toEqual(['a', 'p', 'b', 'c'])
    calls[1]!.fail(new Error('invalid byte sequence'))
    await tick()
    expect(calls[2]!.batch.map((s) => s.id)).toEqual(['a'])
    calls[2]!.finish()
    await tick()
    expect(calls[3]!.batch.map((s) => s.id)).toEqual(['p'])
    calls[3]!.fail(new Error('invalid byte sequence'))
    await tick()
    expect(calls[4]!.batch.map((s) => s.id)).toEqual(['b', 'c'])
    calls[4]!.finish()
    await blocker
    expect(await a).toEqual([{ id: 'a', status: 'accepted' }])
    expect(await poison).toEqual({ error: 'invalid byte sequence' })
    expect(await b).toEqual([
      { id: 'b', status: 'accepted' },
      { id: 'c', status: 'accepted' },
    ])
    expect(calls).toHaveLength(5)
  })

  it('tells its observer the size and waits of each group, and each request retried alone', async () => {
    const { calls, ingest } = controllableIngest()
    const groups: { requests: number; submissions: number; waits: number }[] = []
    let retries = 0
    const observer = {
      groupStarted: (requests: number, submissions: number, waitsMs: number[]) => {
        expect(waitsMs.every((ms) => ms >= 0)).toBe(true)
        groups.push({ requests, submissions, waits: waitsMs.length })
      },
      isolatedRetry: () => retries++,
    }
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100, observer })
    const blocker = submit([sub('x')])
    const a = submit([sub('a')])
    const b = settled(submit([sub('b'), sub('c')]))
    calls[0]!.finish()
    await tick()
    calls[1]!.fail(new Error('invalid byte sequence'))
    await tick()
    calls[2]!.finish()
    await tick()
    calls[3]!.fail(new Error('invalid byte sequence'))
    await Promise.all([blocker, a, b])
    expect(groups).toEqual([
      { requests: 1, submissions: 1, waits: 1 },
      { requests: 2, submissions: 3, waits: 2 },
    ])
    expect(retries).toBe(2)
  })

  it('takes the answer of the database for an id two requests of a failed group share: accepted once, then duplicate', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const blocker = submit([sub('x')])
    const one = submit([sub('a')])
    const two = submit([sub('a')])
    calls[0]!.finish()
    await tick()
    calls[1]!.fail(new Error('deadlock detected'))
    await tick()
    calls[2]!.finish()
    await tick()
    calls[3]!.finish([{ id: 'a', status: 'duplicate' }])
    await blocker
    expect([await one, await two]).toEqual([[{ id: 'a', status: 'accepted' }], [{ id: 'a', status: 'duplicate' }]])
  })

  it('fails a lone request whose transaction fails without trying it again, and goes on with the next', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const a = submit([sub('a')])
    calls[0]!.fail(new Error('connection lost'))
    await expect(a).rejects.toThrow('connection lost')
    expect(calls).toHaveLength(1)
    const c = submit([sub('c')])
    calls[1]!.finish()
    expect(await c).toEqual([{ id: 'c', status: 'accepted' }])
  })

  it('fails each request by itself when the database fails them all (its client retries later)', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100 })
    const blocker = submit([sub('x')])
    const a = settled(submit([sub('a')]))
    const b = settled(submit([sub('b')]))
    calls[0]!.finish()
    await tick()
    calls[1]!.fail(new Error('connection lost'))
    await tick()
    calls[2]!.fail(new Error('connection lost'))
    await tick()
    calls[3]!.fail(new Error('connection lost'))
    expect([await a, await b]).toEqual([{ error: 'connection lost' }, { error: 'connection lost' }])
    await blocker
    const c = submit([sub('c')])
    calls[4]!.finish()
    expect(await c).toEqual([{ id: 'c', status: 'accepted' }])
  })

  it('keeps a group within the size limit and never splits a request', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 3 })
    const all = [submit([sub('x')]), submit([sub('a'), sub('b')]), submit([sub('c'), sub('d')])]
    calls[0]!.finish()
    await tick()
    expect(calls[1]!.batch.map((s) => s.id)).toEqual(['a', 'b'])
    calls[1]!.finish()
    await tick()
    expect(calls[2]!.batch.map((s) => s.id)).toEqual(['c', 'd'])
    calls[2]!.finish()
    await Promise.all(all)
  })

  it('runs up to `concurrency` transactions at once', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 2, maxBatch: 100 })
    const all = [submit([sub('a')]), submit([sub('b')]), submit([sub('c')])]
    expect(calls).toHaveLength(2)
    calls[0]!.finish()
    calls[1]!.finish()
    await tick()
    expect(calls).toHaveLength(3)
    calls[2]!.finish()
    await Promise.all(all)
  })
})

describe('group commit, gathering one event-loop turn', () => {
  it('sends requests that arrive in the same turn together, even the first of a burst', async () => {
    const { calls, ingest } = controllableIngest()
    const submit = createGroupCommit(ingest, { concurrency: 1, maxBatch: 100, gatherOneTurn: true })
    const all = [submit([sub('a')]), submit([sub('b')]), submit([sub('c')])]
    expect(calls).toHaveLength(0)
    await tick()
    expect(calls.map((c) => c.batch.map((s) => s.id))).toEqual([['a', 'b', 'c']])
    calls[0]!.finish()
    expect(await Promise.all(all)).toEqual([[{ id: 'a', status: 'accepted' }], [{ id: 'b', status: 'accepted' }], [{ id: 'c', status: 'accepted' }]])
  })
})
