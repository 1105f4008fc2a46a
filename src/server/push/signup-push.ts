import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { items } from '../db/schema'
import { findMunicipality } from '../repos/municipality-repo'
import { queuePushForItem } from '../repos/push-repo'
import { itemPushEvent, tableOutcomePushEvent, type TableOutcome } from './push-events'

/** The keyed Web Push topic of a sign-up (`DeviceKeys.signupPushTopic`): only the device that made it follows it. */
export type SignupPushTopic = (signupId: string) => string

export type SignupNews = TableOutcome | 'guardian_confirmed'

/**
 * Queues a push for each sign-up that got news, in the transaction that writes the news to the
 * device's inbox: a push goes out exactly when the inbox has the message. Each goes to the
 * subscription that follows that sign-up's topic, never to others who follow the table.
 */
export async function queueSignupPush(tx: Db, topicOf: SignupPushTopic, tableId: string, news: readonly { signupId: string; kind: SignupNews }[], now: Date): Promise<number> {
  if (news.length === 0) return 0
  const [item] = await tx.select({ id: items.id, title: items.title, municipality: items.municipality }).from(items).where(eq(items.id, tableId))
  if (!item) return 0
  const name = (await findMunicipality(tx, item.municipality))?.name ?? item.municipality
  let queued = 0
  for (const { signupId, kind } of news) {
    const payload = kind === 'guardian_confirmed' ? itemPushEvent('guardian_confirmed', item, name) : tableOutcomePushEvent(kind, item, name)
    queued += await queuePushForItem(tx, { itemId: topicOf(signupId), eventKey: `${kind}:${signupId}`, payload: payload as unknown as { nl: Record<string, unknown>; en: Record<string, unknown> } }, now)
  }
  return queued
}
