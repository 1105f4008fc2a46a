import { z } from 'zod'
import type { MeepraatDb } from './db'

const PUSH_KEY = 'pushSubscription'

/**
 * What the phone remembers of its Web Push subscription: the browser's subscription (to send it
 * again with new topics) and what was last sent, so an unchanged list is not sent again.
 */
const StoredPushSchema = z.object({
  endpoint: z.string(),
  keys: z.object({ p256dh: z.string(), auth: z.string() }),
  /** The language, municipality and topics last stored on the server, as one comparable string. */
  sent: z.string().optional(),
})
export type StoredPush = z.infer<typeof StoredPushSchema>

/** The subscription this phone turned on, or `undefined` when push is off here. */
export async function getStoredPush(db: MeepraatDb): Promise<StoredPush | undefined> {
  const row = await db.meta.get(PUSH_KEY)
  const parsed = StoredPushSchema.safeParse(row?.value)
  return parsed.success ? parsed.data : undefined
}

export async function setStoredPush(db: MeepraatDb, value: StoredPush): Promise<void> {
  await db.meta.put({ key: PUSH_KEY, value: StoredPushSchema.parse(value) })
}

export async function clearStoredPush(db: MeepraatDb): Promise<void> {
  await db.meta.delete(PUSH_KEY)
}

/**
 * What this device follows: the items it answered, the tables it signed up for and the signals it
 * raised (once the server has them), and its own sign-ups, whose news (selected, a seat, a
 * guardian's yes) is for this device alone. Sorted, so the same state always gives the same list.
 */
export async function followedTopics(db: MeepraatDb): Promise<{ topics: string[]; signups: string[]; interests: string[] }> {
  const [answered, registrations, signals] = await Promise.all([
    db.submissions.where('state').equals('sent').toArray(),
    db.registrations.toArray(),
    db.signals.where('state').equals('sent').toArray(),
  ])
  const sent = registrations.filter((r) => r.state === 'sent' && !r.withdrawnAt)
  const signups = sent.filter((r) => r.kind === 'signup')
  // Benader mij registrations: an invitation to an item wakes this device.
  const interestIds = sent.filter((r) => r.kind === 'interest').map((r) => r.id)
  const topics = new Set([...answered.map((s) => s.itemId), ...signups.flatMap((r) => (r.itemId ? [r.itemId] : [])), ...signals.map((s) => s.id)])
  return { topics: [...topics].sort(), signups: signups.map((r) => r.id).sort(), interests: interestIds.sort() }
}
