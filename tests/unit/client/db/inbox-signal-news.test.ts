import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type MeepraatDb } from '../../../../src/client/db/db'
import { markSignalNewsRead, saveInbox, signalNews, unreadCount } from '../../../../src/client/db/inbox-repo'
import type { InboxEntry } from '../../../../src/shared/schemas/inbox'

const SIGNAL = '33333333-3333-4333-8333-333333333333'

function signalEntry(status: 'considering' | 'answered', at: string): InboxEntry {
  return {
    kind: 'signal',
    id: `signal:${SIGNAL}:${status}`,
    signalId: SIGNAL,
    signalTitle: 'Losliggende stoeptegels',
    at,
    status,
    response: status === 'answered' ? 'We leggen de tegels opnieuw.' : null,
    reason: null,
    responseDueAt: '2026-07-13T12:00:00.000Z',
    meetingStartsAt: null,
  }
}

const opened: MeepraatDb[] = []
function freshDb(): MeepraatDb {
  const db = createDb(`inbox-signal-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

describe('news on the resident\'s own signals in the phone\'s inbox', () => {
  it('stores it, counts it as news until seen, and keeps it read when the same news is pulled again', async () => {
    const db = freshDb()
    await saveInbox(db, [signalEntry('considering', '2026-06-02T10:00:00.000Z')], '1')
    expect(await unreadCount(db)).toBe(1)
    expect(await markSignalNewsRead(db, new Date('2026-06-02T11:00:00.000Z'))).toBe(1)
    expect(await unreadCount(db)).toBe(0)
    // A whole-inbox re-read sends the same entry: it stays read.
    await saveInbox(db, [signalEntry('considering', '2026-06-02T10:00:00.000Z')], '2')
    expect(await unreadCount(db)).toBe(0)
    await saveInbox(db, [signalEntry('answered', '2026-06-05T10:00:00.000Z')], '3')
    expect(await unreadCount(db)).toBe(1)
    expect((await signalNews(db)).map((e) => e.id)).toEqual([`signal:${SIGNAL}:answered`, `signal:${SIGNAL}:considering`])
  })
})
