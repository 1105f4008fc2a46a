import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { getDeviceId, setMunicipality } from '../../../../src/client/db/meta-repo'
import {
  InvalidAnswersError,
  StorageFullError,
  StorageWriteError,
  latestAnswerFor,
  myAnswers,
  onAnswerSaved,
  saveAnswer,
  waitingCount,
} from '../../../../src/client/db/submissions-repo'
import { makeItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`submissions-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
  vi.unstubAllGlobals()
})

const item = makeItem()

describe('submissions-repo', () => {
  it('saveAnswer writes the submission and its outbox entry together', async () => {
    const db = freshDb()
    const now = new Date('2025-06-01T12:00:00.000Z')
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' }, profile: { ageBand: '16-17' }, now })

    expect(saved).toMatchObject({ itemId: item.id, municipality: 'testdorp', state: 'saved', answeredAt: now.toISOString() })
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(await db.submissions.get(saved.id)).toEqual(saved)
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      type: 'submission',
      key: saved.id,
      attempts: 0,
      payload: {
        id: saved.id,
        itemId: item.id,
        deviceId: await getDeviceId(db),
        answeredAt: now.toISOString(),
        answers: { q1: 'a' },
        profile: { ageBand: '16-17' },
      },
    })
  })

  it('an answer to an item for the whole region says which municipality the resident chose; other answers do not', async () => {
    const db = freshDb()
    await setMunicipality(db, 'velsen')
    const regional = makeItem({ municipality: 'beverwijk', region: 'IJmond', regionSlug: 'ijmond' })
    await saveAnswer(db, { item: regional, answers: { q1: 'a' }, profile: { ageBand: '16-17' } })
    await saveAnswer(db, { item: makeItem(), answers: { q1: 'a' } })
    await saveAnswer(db, { item: makeItem(), answers: { q1: 'a' }, profile: { ageBand: '16-17' } })
    const payloads = (await db.outbox.orderBy('seq').toArray()).map((e) => (e.payload as { profile?: object }).profile)
    expect(payloads).toEqual([{ ageBand: '16-17', municipality: 'velsen' }, undefined, { ageBand: '16-17' }])
  })

  it('saveAnswer leaves neither submission nor outbox entry when the transaction fails', async () => {
    const db = freshDb()
    db.outbox.hook('creating', () => {
      throw new Error('disk on fire')
    })
    await expect(saveAnswer(db, { item, answers: { q1: 'a' } })).rejects.toBeInstanceOf(StorageWriteError)
    expect(await db.submissions.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('reports a full disk as StorageFullError and saves nothing', async () => {
    const db = freshDb()
    db.outbox.hook('creating', () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    })
    const error: unknown = await saveAnswer(db, { item, answers: { q1: 'a' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageFullError)
    expect(await db.submissions.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('refuses answers that do not fit the questions, listing the issues', async () => {
    const db = freshDb()
    const error: unknown = await saveAnswer(db, { item, answers: { q1: 'zz', extra: 'x' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidAnswersError)
    expect((error as InvalidAnswersError).issues).toEqual([
      { questionId: 'extra', problem: 'unknown_question' },
      { questionId: 'q1', problem: 'unknown_option' },
    ])
    expect(await db.outbox.count()).toBe(0)
  })

  it('makes a new id for a changed answer and marks the previous one replaced', async () => {
    const db = freshDb()
    const first = await saveAnswer(db, { item, answers: { q1: 'a' }, now: new Date('2025-06-01T12:00:00Z') })
    const second = await saveAnswer(db, { item, answers: { q1: 'b' }, now: new Date('2025-06-01T12:05:00Z') })
    expect(second.id).not.toBe(first.id)
    expect((await db.submissions.get(first.id))?.replacedBy).toBe(second.id)
    expect(await latestAnswerFor(db, item.id)).toEqual(second)
    // Both stay queued: the server keeps the newest per device, nothing is dropped on the phone.
    expect(await waitingCount(db)).toBe(2)
  })

  it('lists my current answers per item, newest first', async () => {
    const db = freshDb()
    const other = makeItem()
    await saveAnswer(db, { item, answers: { q1: 'a' }, now: new Date('2025-06-01T10:00:00Z') })
    const latest = await saveAnswer(db, { item: other, answers: { q1: 'b' }, now: new Date('2025-06-01T11:00:00Z') })
    const changed = await saveAnswer(db, { item, answers: { q1: 'b' }, now: new Date('2025-06-01T12:00:00Z') })
    expect((await myAnswers(db)).map((s) => s.id)).toEqual([changed.id, latest.id])
  })

  it('does not count parked entries as waiting', async () => {
    const db = freshDb()
    await saveAnswer(db, { item, answers: { q1: 'a' } })
    const saved = await saveAnswer(db, { item: makeItem(), answers: { q1: 'a' } })
    await db.outbox.where('key').equals(saved.id).modify({ parked: { reason: 'item_closed', at: 'now' } })
    expect(await waitingCount(db)).toBe(1)
  })

  it('drops a malformed profile rather than losing the answer', async () => {
    const db = freshDb()
    const profile = { ageBand: 'old' } as unknown as { ageBand: '16-17' }
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' }, profile })
    expect(saved.profile).toBeUndefined()
    const entry = (await db.outbox.toArray())[0]
    expect(entry?.type).toBe('submission')
    expect(entry?.type === 'submission' ? entry.payload.profile : undefined).toBeUndefined()
  })

  it('tells listeners an answer was queued, so the engine can send it at once', async () => {
    const db = freshDb()
    const heard: string[] = []
    const unsubscribe = onAnswerSaved((s) => heard.push(s.id))
    const saved = await saveAnswer(db, { item, answers: { q1: 'a' } })
    unsubscribe()
    await saveAnswer(db, { item, answers: { q1: 'b' } })
    expect(heard).toEqual([saved.id])
  })

  it('asks for persistent storage once, after the first save, without throwing', async () => {
    vi.resetModules()
    const persist = vi.fn(() => Promise.reject(new Error('not allowed')))
    vi.stubGlobal('navigator', { storage: { persist } })
    const repo = await import('../../../../src/client/db/submissions-repo')
    const db = freshDb()
    expect(persist).not.toHaveBeenCalled()
    await repo.saveAnswer(db, { item, answers: { q1: 'a' } })
    await repo.saveAnswer(db, { item, answers: { q1: 'b' } })
    expect(persist).toHaveBeenCalledTimes(1)
  })
})
