import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { PushSubscriptionInput } from '../../../../src/shared/schemas/push'
import { createDb, type LocalRegistration, type LocalSignal, type LocalSubmission, type MeepraatDb } from '../../../../src/client/db/db'
import { followedTopics, getStoredPush } from '../../../../src/client/db/push-repo'
import { setLocale, setMunicipality } from '../../../../src/client/db/meta-repo'
import { pushTopicsPull, removePushSubscription, sendPushSubscription } from '../../../../src/client/sync/push-sync'

const opened: MeepraatDb[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function fakePushApi() {
  const puts: PushSubscriptionInput[] = []
  let deletes = 0
  return {
    puts,
    deletes: () => deletes,
    api: {
      getPushPublicKey: async () => ({ publicKey: 'BKey' }),
      putPushSubscription: async (_deviceId: string, body: PushSubscriptionInput) => {
        puts.push(body)
        return { subscribed: true, following: body.topics.length }
      },
      deletePushSubscription: async () => {
        deletes++
        return { subscribed: false, following: 0 }
      },
    },
  }
}

async function aDb(): Promise<MeepraatDb> {
  const db = createDb(`push-${crypto.randomUUID()}`)
  opened.push(db)
  await setMunicipality(db, 'beverwijk')
  return db
}

const submission = (itemId: string, state: LocalSubmission['state']): LocalSubmission => ({ id: crypto.randomUUID(), itemId, municipality: 'beverwijk', answeredAt: new Date().toISOString(), answers: {}, state })
const signup = (itemId: string, state: LocalRegistration['state'], extra: Partial<LocalRegistration> = {}): LocalRegistration => ({ id: crypto.randomUUID(), kind: 'signup', itemId, municipality: 'beverwijk', revision: 1, state, savedAt: new Date().toISOString(), ageBand: '24-64', consentVersion: 'v1', ...extra })
const signal = (state: LocalSignal['state']): LocalSignal => ({ id: crypto.randomUUID(), municipality: 'beverwijk', kind: 'signal', title: 'Losse tegels', body: 'Bij de school.', wantsContact: false, createdAt: new Date().toISOString(), state })
const subscription = { endpoint: 'https://push.example.net/abc', keys: { p256dh: 'BPk', auth: 'au' } }
const run = (pull: ReturnType<typeof pushTopicsPull>, db: MeepraatDb) => pull.run({ db, stopped: () => false })

describe('push topics on the phone', () => {
  it('follows the items answered, tables signed up for and signals raised once the server has them, the own sign-ups and the own Benader mij registrations', async () => {
    const db = await aDb()
    const [answered, waiting, table, withdrawnTable] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    const mine = signup(table, 'sent')
    await db.submissions.bulkAdd([submission(answered, 'sent'), submission(waiting, 'saved')])
    const interest = { ...signup(crypto.randomUUID(), 'sent'), kind: 'interest' as const }
    await db.registrations.bulkAdd([mine, signup(withdrawnTable, 'sent', { withdrawnAt: new Date().toISOString() }), interest])
    const raised = signal('sent')
    await db.signals.bulkAdd([raised, signal('saved')])
    expect(await followedTopics(db)).toEqual({ topics: [answered, table, raised.id].sort(), signups: [mine.id], interests: [interest.id] })
  })

  it('sends the subscription again only when what it follows or its language changed, and not while push is off', async () => {
    const db = await aDb()
    const fake = fakePushApi()
    const pull = pushTopicsPull(fake.api)
    await db.submissions.add(submission(crypto.randomUUID(), 'sent'))
    await run(pull, db)
    expect(fake.puts).toHaveLength(0)

    await sendPushSubscription(db, subscription, fake.api)
    expect(fake.puts).toHaveLength(1)
    await run(pull, db)
    expect(fake.puts).toHaveLength(1)

    const newItem = crypto.randomUUID()
    await db.submissions.add(submission(newItem, 'sent'))
    await run(pull, db)
    expect(fake.puts).toHaveLength(2)
    expect(fake.puts[1]).toMatchObject({ endpoint: subscription.endpoint, keys: subscription.keys, language: 'nl', municipality: 'beverwijk', topics: expect.arrayContaining([newItem]) })

    await setLocale(db, 'en')
    await run(pull, db)
    expect(fake.puts.at(-1)?.language).toBe('en')
    expect(fake.puts).toHaveLength(3)

    await removePushSubscription(db, fake.api)
    expect(fake.deletes()).toBe(1)
    expect(await getStoredPush(db)).toBeUndefined()
    await db.submissions.add(submission(crypto.randomUUID(), 'sent'))
    await run(pull, db)
    expect(fake.puts).toHaveLength(3)
  })
})
