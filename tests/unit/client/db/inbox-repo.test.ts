import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb, type StoredInboxEntry } from '../../../../src/client/db/db'
import {
  getInboxCursor,
  inboxForItem,
  markItemRead,
  markNotified,
  mergeInbox,
  saveInbox,
  unreadCount,
  unreadFeedback,
} from '../../../../src/client/db/inbox-repo'
import type { Feedback } from '../../../../src/shared/schemas/feedback'
import type { InboxEntry } from '../../../../src/shared/schemas/inbox'

const ITEM = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'

function feedback(overrides: Partial<Feedback> = {}): Feedback {
  return { id: crypto.randomUUID(), publishedAt: '2025-06-02T10:00:00.000Z', outcome: 'adopted', summary: 'We doen het.', ...overrides }
}

function feedbackEntry(f: Feedback, itemId = ITEM): InboxEntry {
  return { kind: 'feedback', id: `feedback:${f.id}`, itemId, itemTitle: 'Skatepark', at: f.publishedAt, feedback: f }
}

function closedEntry(itemId = ITEM, at = '2025-06-01T10:00:00.000Z'): InboxEntry {
  return { kind: 'closed', id: `closed:${itemId}:${Date.parse(at)}`, itemId, itemTitle: 'Skatepark', at }
}

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`inbox-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

describe('mergeInbox', () => {
  it('is idempotent by entry id: the same page merged twice gives the same inbox', () => {
    const page = [feedbackEntry(feedback()), closedEntry()]
    const once = mergeInbox([], page)
    expect(mergeInbox(once, page)).toEqual(once)
    expect(once).toHaveLength(2)
  })

  it('keeps the read and notified state of entries it already knows', () => {
    const entry = feedbackEntry(feedback())
    const known: StoredInboxEntry = { ...entry, readAt: '2025-06-03T08:00:00.000Z', notifiedAt: '2025-06-02T11:00:00.000Z' }
    const [merged] = mergeInbox([known], [entry])
    expect(merged).toMatchObject({ id: entry.id, readAt: known.readAt, notifiedAt: known.notifiedAt })
  })

  it('orders entries newest first, whatever their UTC offset', () => {
    const early = feedbackEntry(feedback({ publishedAt: '2025-06-02T10:00:00.000Z' }))
    const late = feedbackEntry(feedback({ publishedAt: '2025-06-02T12:30:00+02:00' }))
    const later = closedEntry(OTHER, '2025-06-02T11:00:00.000Z')
    expect(mergeInbox([early], [later, late]).map((e) => e.id)).toEqual([later.id, late.id, early.id])
  })

  it('keeps a corrected entry, marks it corrected and adds the correction as a new unread entry', () => {
    const original = feedback({ outcome: 'adopted' })
    const known: StoredInboxEntry = { ...feedbackEntry(original), readAt: '2025-06-03T08:00:00.000Z' }
    const correction = feedback({ outcome: 'partly_adopted', correctsId: original.id, publishedAt: '2025-06-04T10:00:00.000Z' })
    const merged = mergeInbox([known], [feedbackEntry(correction)])
    expect(merged).toHaveLength(2)
    const [first, second] = merged
    expect(first?.id).toBe(`feedback:${correction.id}`)
    expect(first?.readAt).toBeUndefined()
    expect(second).toMatchObject({ id: known.id, readAt: known.readAt, feedback: { correctedById: correction.id, outcome: 'adopted' } })
  })

  it('does not lose a known correction link when an older copy of the entry comes in again', () => {
    const original = feedback()
    const known: StoredInboxEntry = feedbackEntry({ ...original, correctedById: crypto.randomUUID() })
    const [merged] = mergeInbox([known], [feedbackEntry(original)])
    expect(merged?.kind === 'feedback' && merged.feedback.correctedById).toBe(known.kind === 'feedback' && known.feedback.correctedById)
  })

  it('leaves its inputs unchanged', () => {
    const original = feedback()
    const known = [feedbackEntry(original)]
    const copy = structuredClone(known)
    mergeInbox(known, [feedbackEntry(feedback({ correctsId: original.id }))])
    expect(known).toEqual(copy)
  })
})

describe('inbox-repo', () => {
  it('saves a page with its cursor and counts unread feedback only (not closings)', async () => {
    const db = freshDb()
    await saveInbox(db, [feedbackEntry(feedback()), feedbackEntry(feedback(), OTHER), closedEntry()], '42')
    expect(await getInboxCursor(db)).toBe('42')
    expect(await unreadCount(db)).toBe(2)
    expect(await unreadFeedback(db)).toHaveLength(2)
  })

  it('marks everything about one item read, and a repeated pull does not make it unread again', async () => {
    const db = freshDb()
    const page = [feedbackEntry(feedback()), feedbackEntry(feedback(), OTHER)]
    await saveInbox(db, page, '1')
    expect(await markItemRead(db, ITEM, new Date('2025-06-05T09:00:00.000Z'))).toBe(1)
    await saveInbox(db, page, '2')
    expect(await unreadCount(db)).toBe(1)
    expect((await inboxForItem(db, ITEM))[0]?.readAt).toBe('2025-06-05T09:00:00.000Z')
  })

  it('marks a correction on an entry stored in an earlier pull', async () => {
    const db = freshDb()
    const original = feedback()
    await saveInbox(db, [feedbackEntry(original)], '1')
    await markItemRead(db, ITEM)
    const correction = feedback({ correctsId: original.id, publishedAt: '2025-06-06T10:00:00.000Z' })
    await saveInbox(db, [feedbackEntry(correction)], '2')
    const entries = await inboxForItem(db, ITEM)
    const correctedBy = entries.map((e) => (e.kind === 'feedback' ? e.feedback.correctedById : 'closed'))
    expect(correctedBy).toEqual([undefined, correction.id])
    expect(await unreadCount(db)).toBe(1)
  })

  it('remembers which entries the notice has shown', async () => {
    const db = freshDb()
    const entry = feedbackEntry(feedback())
    await saveInbox(db, [entry], '1')
    await markNotified(db, [entry.id], new Date('2025-06-02T11:00:00.000Z'))
    expect((await unreadFeedback(db))[0]?.notifiedAt).toBe('2025-06-02T11:00:00.000Z')
  })
})
