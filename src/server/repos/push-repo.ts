import { and, eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client'
import { pushDeliveries, pushSubscriptions, pushTopics } from '../db/schema'

export interface StoredSubscription {
  endpoint: string
  p256dh: string
  auth: string
  language: 'nl' | 'en'
  municipality: string | null
}

/** Stores or replaces the device's subscription (a browser hands out a new endpoint now and then). */
export async function putPushSubscription(db: Db, deviceKey: string, s: StoredSubscription, now: Date): Promise<string> {
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ deviceKey, ...s, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: pushSubscriptions.deviceKey, set: { ...s, updatedAt: now } })
    .returning({ id: pushSubscriptions.id })
  return row!.id
}

export async function deletePushSubscription(db: Db, deviceKey: string): Promise<boolean> {
  const rows = await db.delete(pushSubscriptions).where(eq(pushSubscriptions.deviceKey, deviceKey)).returning({ id: pushSubscriptions.id })
  return rows.length > 0
}

/** The items the device follows (it adds one when it answers, signs up or raises something). */
export async function followItems(db: Db, deviceKey: string, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return
  const [sub] = await db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.deviceKey, deviceKey))
  if (!sub) return
  await db
    .insert(pushTopics)
    .values(itemIds.map((itemId) => ({ subscriptionId: sub.id, itemId })))
    .onConflictDoNothing()
}

/** Replaces everything the subscription follows with `topics` (a PUT of the device's whole list). */
export async function replaceTopics(db: Db, subscriptionId: string, topics: readonly string[]): Promise<void> {
  await db.delete(pushTopics).where(eq(pushTopics.subscriptionId, subscriptionId))
  const unique = [...new Set(topics)]
  if (unique.length > 0) await db.insert(pushTopics).values(unique.map((itemId) => ({ subscriptionId, itemId }))).onConflictDoNothing()
}

/** Whether the device has a subscription, and how many things it follows. */
export async function pushSubscriptionState(db: Db, deviceKey: string): Promise<{ subscribed: boolean; following: number }> {
  const [row] = await queryRows<{ following: number }>(
    db,
    sql`select count(t.item_id)::int as following from push_subscriptions s left join push_topics t on t.subscription_id = s.id where s.device_key = ${deviceKey} group by s.id`,
  )
  return row ? { subscribed: true, following: row.following } : { subscribed: false, following: 0 }
}

/**
 * Queues one message per subscription that follows the item, in its language; an event already
 * queued for a subscription is not queued again. Returns how many were queued.
 */
export async function queuePushForItem(db: Db, event: { itemId: string; eventKey: string; payload: { nl: Record<string, unknown>; en: Record<string, unknown> } }, now: Date): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into push_deliveries (subscription_id, event_key, payload, next_attempt_at, created_at)
        select s.id, ${event.eventKey}, case when s.language = 'en' then ${JSON.stringify(event.payload.en)}::jsonb else ${JSON.stringify(event.payload.nl)}::jsonb end, ${now}, ${now}
        from push_subscriptions s join push_topics t on t.subscription_id = s.id
        where t.item_id = ${event.itemId}
        on conflict (subscription_id, event_key) do nothing
        returning id`,
  )
  return rows.length
}

export interface ClaimedPush {
  id: string
  subscriptionId: string
  payload: Record<string, unknown>
  attempts: number
  endpoint: string
  p256dh: string
  auth: string
}

/** Claims the next due push message with a lease, as the mail queue does (`SKIP LOCKED`). */
export async function claimNextPush(db: Db, now: Date, leaseMs: number): Promise<ClaimedPush | null> {
  const [row] = await queryRows<ClaimedPush>(
    db,
    sql`with claimed as (
          update push_deliveries set state = 'sending', attempts = attempts + 1, lease_until = ${new Date(now.getTime() + leaseMs)}
          where id = (
            select id from push_deliveries
            where (state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and lease_until <= ${now})
            order by next_attempt_at, id limit 1 for update skip locked
          )
          returning id, subscription_id, payload, attempts
        )
        select c.id, c.subscription_id as "subscriptionId", c.payload, c.attempts, s.endpoint, s.p256dh, s.auth
        from claimed c join push_subscriptions s on s.id = c.subscription_id`,
  )
  return row ?? null
}

export async function markPushSent(db: Db, id: string, now: Date): Promise<void> {
  await db.update(pushDeliveries).set({ state: 'sent', sentAt: now, leaseUntil: null }).where(and(eq(pushDeliveries.id, id), eq(pushDeliveries.state, 'sending')))
}

export async function markPushFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(pushDeliveries)
    .set(retryAt ? { state: 'pending', nextAttemptAt: retryAt, leaseUntil: null, lastError: error } : { state: 'dead', leaseUntil: null, lastError: error })
    .where(and(eq(pushDeliveries.id, id), eq(pushDeliveries.state, 'sending')))
}

/** The push service says the subscription is gone (404/410): it goes, with everything queued for it. */
export async function dropSubscription(db: Db, subscriptionId: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId))
}
