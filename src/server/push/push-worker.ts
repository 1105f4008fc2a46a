import type { Db } from '../db/client'
import { claimNextPush, dropSubscription, markPushFailed, markPushSent, type ClaimedPush } from '../repos/push-repo'
import { retryDelayMs } from '../notify/mail-worker'
import { sendPush, type PushPayload } from './push-sender'
import type { VapidKeys } from './vapid-keys'

export const PUSH_LEASE_MS = 60_000
export const MAX_PUSH_ATTEMPTS = 6

export interface PushDrainOutcome {
  sent: number
  gone: number
  failed: number
}

/** Messages in flight at once: push services answer in tens of milliseconds, so one at a time leaves the worker idle. */
export const PUSH_CONCURRENCY = 8

/** Sends one claimed message and records what the push service said. */
async function deliver(db: Db, push: ClaimedPush, vapid: VapidKeys, now: () => Date, allowPrivate: boolean, outcome: PushDrainOutcome): Promise<void> {
  let status: number | string
  try {
    status = (await sendPush({ endpoint: push.endpoint, keys: { p256dh: push.p256dh, auth: push.auth } }, push.payload as unknown as PushPayload, vapid, { allowPrivate })).status
  } catch (error) {
    status = (error as NodeJS.ErrnoException).code ?? 'error'
  }
  if (typeof status === 'number' && status >= 200 && status < 300) {
    await markPushSent(db, push.id, now())
    outcome.sent++
  } else if (status === 404 || status === 410) {
    await dropSubscription(db, push.subscriptionId)
    outcome.gone++
  } else {
    const retryable = typeof status === 'string' ? status !== 'EPUSHPRIVATE' : status === 429 || status >= 500
    const giveUp = !retryable || push.attempts >= MAX_PUSH_ATTEMPTS
    await markPushFailed(db, push.id, String(status), giveUp ? null : new Date(now().getTime() + retryDelayMs(push.attempts)))
    outcome.failed++
  }
}

/**
 * Sends every due push message, up to `limit`, with `concurrency` in flight (each claimed on its
 * own with `SKIP LOCKED`, so no message goes out twice). 2xx: delivered. 404/410: the
 * subscription is gone and is removed. 429, 5xx and network errors: tried again with backoff.
 * Other 4xx: the message itself is wrong and is not tried again.
 */
export async function drainPushQueue(db: Db, vapid: VapidKeys, now: () => Date, options: { allowPrivate: boolean; limit?: number; leaseMs?: number; concurrency?: number }): Promise<PushDrainOutcome> {
  const outcome: PushDrainOutcome = { sent: 0, gone: 0, failed: 0 }
  const limit = options.limit ?? 500
  let claimed = 0
  const lane = async (): Promise<void> => {
    while (claimed < limit) {
      claimed++
      const push = await claimNextPush(db, now(), options.leaseMs ?? PUSH_LEASE_MS)
      if (!push) {
        claimed--
        return
      }
      await deliver(db, push, vapid, now, options.allowPrivate, outcome)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? PUSH_CONCURRENCY, limit)) }, lane))
  return outcome
}

/**
 * Drains in rounds of `limit` until a round finds less than a full batch: one feedback on an
 * item with thousands of followers goes out at once, not one batch per interval.
 */
export async function drainPushQueueUntilEmpty(db: Db, vapid: VapidKeys, now: () => Date, options: { allowPrivate: boolean; limit?: number; leaseMs?: number; concurrency?: number }): Promise<PushDrainOutcome> {
  const total: PushDrainOutcome = { sent: 0, gone: 0, failed: 0 }
  const limit = options.limit ?? 500
  for (;;) {
    const round = await drainPushQueue(db, vapid, now, { ...options, limit })
    total.sent += round.sent
    total.gone += round.gone
    total.failed += round.failed
    if (round.sent + round.gone + round.failed < limit) return total
  }
}
