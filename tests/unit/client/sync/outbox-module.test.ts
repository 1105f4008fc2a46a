import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb, type OutboxEntry } from '../../../../src/client/db/db'
import { saveSignup } from '../../../../src/client/db/registrations-repo'
import { saveAnswer } from '../../../../src/client/db/submissions-repo'
import { ApiError } from '../../../../src/client/sync/api'
import {
  drainOutbox,
  enqueue,
  OUTBOX_ENTRY_TYPES,
  onEnqueued,
  type EntryResult,
  type EntryTypeDefinition,
} from '../../../../src/client/sync/outbox'
import { createLeaseLock } from '../../../../src/client/sync/web-lock'
import { CONSENT_VERSION } from '../../../../src/shared/schemas/table'
import { createFakeClock, makeItem, makeTableItem } from '../../../support/fake-server'

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`outbox-module-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/**
 * A kind of entry the app does not have yet (think "signals"), defined the way a new kind is: one
 * definition. Its endpoint is a function here; it refuses `refused` and fails with a 500 on
 * `poison` while the server would take the rest.
 */
function noteKind() {
  const posted: string[][] = []
  const marked: Array<[string, string]> = []
  const definition: EntryTypeDefinition = {
    maxBatch: 2,
    rejectedReason: 'note_refused',
    supersedes: false,
    canSend: () => true,
    async send(_api, payloads) {
      const ids = payloads.map((payload) => payload.id)
      posted.push(ids)
      if (ids.includes('poison')) throw new ApiError('server', 'Server answered 500', { status: 500 })
      return ids.map((id): EntryResult => (id === 'refused' ? { id, status: 'rejected' } : { id, status: 'accepted' }))
    },
    recordTables: () => [],
    async markRecord(_db, entry, change) {
      marked.push([entry.key, change.state])
    },
  }
  return { definition, posted, marked }
}

async function seedNotes(db: MeepraatDb, ids: string[]): Promise<void> {
  // The type system only knows today's kinds; the table stores any.
  const entries = ids.map((id) => ({ type: 'note', key: id, payload: { id }, createdAt: '2025-06-01T10:00:00.000Z', attempts: 0 }) as unknown as OutboxEntry)
  await db.outbox.bulkAdd(entries)
}

function drain(db: MeepraatDb, types: Record<string, EntryTypeDefinition>) {
  const clock = createFakeClock()
  return drainOutbox({ db, api: {}, lock: createLeaseLock(db, { clock }), now: () => clock.now(), random: () => 0.5, stopped: () => false, types })
}

describe('outbox: a new kind of entry is one definition', () => {
  it('drains a newly defined kind through the same batching, in order, within its own batch limit', async () => {
    const db = freshDb()
    const { definition, posted, marked } = noteKind()
    await seedNotes(db, ['n1', 'n2', 'n3', 'n4', 'n5'])
    expect(await drain(db, { note: definition })).toBe('done')
    expect(posted).toEqual([['n1', 'n2'], ['n3', 'n4'], ['n5']])
    expect(await db.outbox.count()).toBe(0)
    expect(marked).toEqual(['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => [id, 'sent']))
  })

  it('parks a rejected entry of the new kind with the reason its definition gives', async () => {
    const db = freshDb()
    const { definition, marked } = noteKind()
    await seedNotes(db, ['n1', 'refused'])
    await drain(db, { note: definition })
    expect((await db.outbox.toArray()).map((e) => [e.key, e.parked?.reason])).toEqual([['refused', 'note_refused']])
    expect(marked).toContainEqual(['refused', 'rejected'])
  })

  it('lets the rest of the new kind go past a poison entry, which gets a strike (step-aside)', async () => {
    const db = freshDb()
    const { definition } = noteKind()
    await seedNotes(db, ['n1', 'poison', 'n3'])
    await expect(drain(db, { note: definition })).rejects.toThrow('500')
    const left = await db.outbox.toArray()
    expect(left.map((e) => [e.key, e.strikes])).toEqual([['poison', 1]])
  })

  it('leaves the other kinds alone and waits with kinds the api has no endpoint for', async () => {
    const db = freshDb()
    const { definition, posted } = noteKind()
    await seedNotes(db, ['n1'])
    await saveAnswer(db, { item: makeItem(), answers: { q1: 'a' } })
    // The app's kinds with an api that has none of their endpoints: their entries wait.
    expect(await drain(db, { ...OUTBOX_ENTRY_TYPES, note: definition })).toBe('done')
    expect(posted).toEqual([['n1']])
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual(['submission'])
  })
})

describe('outbox: enqueue', () => {
  it('refuses to queue outside the transaction of the resident action', async () => {
    const db = freshDb()
    await expect(enqueue(db, 'submission', 'x', {} as never, 'now')).rejects.toThrow('inside the transaction')
    expect(await db.outbox.count()).toBe(0)
  })

  it('announces an entry only after its transaction committed, never one that rolled back', async () => {
    const db = freshDb()
    const heard: MeepraatDb[] = []
    const stop = onEnqueued((on) => heard.push(on))
    try {
      const item = makeItem()
      await expect(
        db.transaction('rw', [db.submissions, db.outbox, db.meta], async () => {
          await enqueue(db, 'submission', 'x', { id: crypto.randomUUID(), itemId: item.id, deviceId: crypto.randomUUID(), answeredAt: '2025-06-01T10:00:00.000Z', answers: { q1: 'a' } }, 'now')
          expect(heard).toEqual([])
          throw new Error('the resident action failed')
        }),
      ).rejects.toThrow('failed')
      expect(await db.outbox.count()).toBe(0)
      expect(heard).toEqual([])
      await saveAnswer(db, { item, answers: { q1: 'a' } })
      expect(heard).toEqual([db])
    } finally {
      stop()
    }
  })

  it('keeps one queued version of a registration: a kind that supersedes drops the older unsent entry', async () => {
    const db = freshDb()
    const table = makeTableItem()
    const input = { id: crypto.randomUUID(), itemId: table.id, name: 'Sam', contact: { channel: 'email' as const, value: 'sam@example.nl' }, ageBand: '24-64' as const, roles: ['resident' as const], consentVersion: CONSENT_VERSION }
    await saveSignup(db, input, 'testdorp')
    await saveSignup(db, { ...input, name: 'Samira' }, 'testdorp')
    const entries = await db.outbox.toArray()
    expect(entries.map((e) => [e.type, e.type === 'signup' ? e.payload.revision : undefined])).toEqual([['signup', 2]])
  })
})
