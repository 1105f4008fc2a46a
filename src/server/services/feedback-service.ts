import type { FeedbackInput } from '../../shared/schemas/feedback'
import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { AlreadyCorrectedError, correctableFeedback, publishFeedback } from '../repos/feedback-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { queuePushForItem } from '../repos/push-repo'
import { itemPushEvent } from '../push/push-events'
import { audited, type Actor, type ServiceContext } from './context'
import { queueFeedbackAlerts, type AlertMailing } from './email-alert-service'
import { lockManageableRow } from './item-access'
import { managedItem } from './item-service'
import { checkOfferedLanguages } from './content-languages'

const alreadyCorrected = () => new DomainError('feedback_already_corrected', 'This entry was corrected already; correct the correction instead')

/** Feedback goes on a published item the official may change (a regional one: region officials only). */
async function publishedItemRow(tx: Db, actor: Actor, id: string) {
  const row = await lockManageableRow(tx, actor, id)
  if (!row.publishedAt) throw new DomainError('item_not_published', 'Publish the item before giving feedback on it')
  return row
}

/**
 * Devices that follow the item hear of new feedback by Web Push; queued in the same transaction,
 * so a push goes out exactly when the feedback is there (the inbox stays the source of truth).
 */
async function queueFeedbackPush(tx: Db, item: { id: string; title: string; municipality: string }, feedbackId: string, now: Date): Promise<void> {
  const name = (await findMunicipality(tx, item.municipality))?.name ?? item.municipality
  const payload = itemPushEvent('feedback', item, name) as unknown as { nl: Record<string, unknown>; en: Record<string, unknown> }
  await queuePushForItem(tx, { itemId: item.id, eventKey: `feedback:${feedbackId}`, payload }, now)
}

/**
 * Publishes terugkoppeling on an item: what was done with the input. Push messages and the mail
 * to confirmed e-mail alerts (`alerts`) are queued in the same transaction.
 */
export async function giveFeedback(context: ServiceContext, actor: Actor, itemId: string, entry: FeedbackInput, alerts?: AlertMailing): Promise<ManagedItem> {
  await audited(context, actor, 'feedback.publish', async (tx) => {
    const row = await publishedItemRow(tx, actor, itemId)
    await checkOfferedLanguages(tx, actor.municipality, entry.translations)
    const id = await publishFeedback(tx, { itemId: row.id, officialId: actor.id, entry }, context.now)
    await queueFeedbackPush(tx, row, id, context.now)
    const mailed = alerts ? await queueFeedbackAlerts(tx, alerts, row, entry, context.now) : undefined
    return { result: id, itemId: row.id, details: { feedbackId: id, outcome: entry.outcome, ...(mailed ? { alertsMailed: mailed.mailed } : {}) } }
  })
  await alerts?.mail.afterCommit()
  return managedItem(context, actor, itemId)
}

/** Corrects an entry openly: the original stays, marked as corrected; each entry is corrected once. */
export async function correctFeedback(context: ServiceContext, actor: Actor, itemId: string, feedbackId: string, entry: FeedbackInput): Promise<ManagedItem> {
  await audited(context, actor, 'feedback.correct', async (tx) => {
    const row = await publishedItemRow(tx, actor, itemId)
    const corrected = await correctableFeedback(tx, row.id, feedbackId)
    if (corrected.state !== 'ok') throw corrected.state === 'unknown' ? notFound('feedback') : alreadyCorrected()
    // As for items: texts of a language no longer offered may stay as the corrected entry had them.
    await checkOfferedLanguages(tx, actor.municipality, entry.translations, corrected.translations)
    const id = await publishFeedback(tx, { itemId: row.id, officialId: actor.id, correctsId: feedbackId, entry }, context.now).catch((error: unknown) => {
      throw error instanceof AlreadyCorrectedError ? alreadyCorrected() : error
    })
    return { result: id, itemId: row.id, details: { feedbackId: id, corrects: feedbackId } }
  })
  return managedItem(context, actor, itemId)
}
