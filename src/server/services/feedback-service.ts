import type { FeedbackInput } from '../../shared/schemas/feedback'
import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { AlreadyCorrectedError, correctableFeedback, publishFeedback } from '../repos/feedback-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { lockManageableRow } from './item-access'
import { managedItem } from './item-service'

const alreadyCorrected = () => new DomainError('feedback_already_corrected', 'This entry was corrected already; correct the correction instead')

/** Feedback goes on a published item the official may change (a regional one: region officials only). */
async function publishedItemRow(tx: Db, actor: Actor, id: string) {
  const row = await lockManageableRow(tx, actor, id)
  if (!row.publishedAt) throw new DomainError('item_not_published', 'Publish the item before giving feedback on it')
  return row
}

/** Publishes terugkoppeling on an item: what was done with the input. */
export async function giveFeedback(context: ServiceContext, actor: Actor, itemId: string, entry: FeedbackInput): Promise<ManagedItem> {
  await audited(context, actor, 'feedback.publish', async (tx) => {
    const row = await publishedItemRow(tx, actor, itemId)
    const id = await publishFeedback(tx, { itemId: row.id, officialId: actor.id, entry }, context.now)
    return { result: id, itemId: row.id, details: { feedbackId: id, outcome: entry.outcome } }
  })
  return managedItem(context, actor, itemId)
}

/** Corrects an entry openly: the original stays, marked as corrected; each entry is corrected once. */
export async function correctFeedback(context: ServiceContext, actor: Actor, itemId: string, feedbackId: string, entry: FeedbackInput): Promise<ManagedItem> {
  await audited(context, actor, 'feedback.correct', async (tx) => {
    const row = await publishedItemRow(tx, actor, itemId)
    const state = await correctableFeedback(tx, row.id, feedbackId)
    if (state === 'unknown') throw notFound('feedback')
    if (state === 'already_corrected') throw alreadyCorrected()
    const id = await publishFeedback(tx, { itemId: row.id, officialId: actor.id, correctsId: feedbackId, entry }, context.now).catch((error: unknown) => {
      throw error instanceof AlreadyCorrectedError ? alreadyCorrected() : error
    })
    return { result: id, itemId: row.id, details: { feedbackId: id, corrects: feedbackId } }
  })
  return managedItem(context, actor, itemId)
}
