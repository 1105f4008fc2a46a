import type { ItemDraft, ManagedItem } from '../../shared/schemas/item-draft'
import { publishedDateProblem, type PublishedDateProblem } from '../../shared/validation/published-dates'
import { breakingQuestionChanges } from '../../shared/validation/question-changes'
import type { Db } from '../db/client'
import { DomainError, notFound } from '../errors'
import { closeItemNow, createDraft, findManagedItem, lockOwnItemRow, publishItem, stateOf, updateItemContent } from '../repos/managed-item-repo'
import { readCounts } from '../repos/result-counts'
import { themeOfVocabulary } from './vocabulary'
import { audited, type Actor, type ServiceContext } from './context'

const PUBLISHED_DATE_MESSAGES: Record<PublishedDateProblem, string> = {
  closes_at_in_past: 'A published item cannot get a closing date in the past; use close to close it now',
  feedback_due_earlier: 'The feedback date of a published item can only move later',
  feedback_due_in_past: 'The feedback date of a published item cannot move into the past',
  feedback_delay_reason_required: 'Moving the feedback date later needs a reason residents can read (feedbackDelayReason)',
}

/** The item as officials see it, after the change committed. */
export async function managedItem(context: ServiceContext, municipality: string, id: string): Promise<ManagedItem> {
  const item = await findManagedItem(context.db, municipality, id, context.now)
  if (!item) throw notFound('item')
  return item
}

/** The row, locked for the rest of the transaction; another municipality's item answers like a missing one. */
async function lockedRow(tx: Db, municipality: string, id: string) {
  const row = await lockOwnItemRow(tx, municipality, id)
  if (!row) throw notFound('item')
  return row
}

export async function createItem(context: ServiceContext, actor: Actor, draft: ItemDraft): Promise<ManagedItem> {
  const id = await audited(context, actor, 'item.create', async (tx) => {
    const created = await createDraft(tx, actor.municipality, actor.id, { ...draft, theme: await themeOfVocabulary(tx, actor.municipality, draft.theme) })
    return { result: created, itemId: created, details: { kind: draft.kind } }
  })
  return managedItem(context, actor.municipality, id)
}

/** Edits an item; a published one keeps its kind, the answers given and its promised dates. */
export async function updateItem(context: ServiceContext, actor: Actor, id: string, draft: ItemDraft): Promise<ManagedItem> {
  await audited(context, actor, 'item.update', async (tx) => {
    const row = await lockedRow(tx, actor.municipality, id)
    if (row.kind !== draft.kind && row.publishedAt) throw new DomainError('item_kind_locked', 'The kind of a published item cannot change')
    if (row.publishedAt) {
      const problems = breakingQuestionChanges(row.questions, draft.questions, await readCounts(tx, row.id))
      if (problems.length > 0) throw new DomainError('questions_change_breaks_answers', `This change would break answers already given: ${problems.join('; ')}`)
      const dateProblem = publishedDateProblem(row, { closesAt: new Date(draft.closesAt), feedbackDueAt: new Date(draft.feedbackDueAt), feedbackDelayReason: draft.feedbackDelayReason }, context.now)
      if (dateProblem) throw new DomainError(dateProblem, PUBLISHED_DATE_MESSAGES[dateProblem])
    }
    // An item may keep the theme it has (a closed item's theme can leave the list); a new theme must be in the list.
    const theme = draft.theme === row.theme ? row.theme : await themeOfVocabulary(tx, actor.municipality, draft.theme)
    await updateItemContent(tx, row, { ...draft, theme }, context.now)
    return { result: undefined, itemId: row.id }
  })
  return managedItem(context, actor.municipality, id)
}

export async function publishOwnItem(context: ServiceContext, actor: Actor, id: string): Promise<ManagedItem> {
  await audited(context, actor, 'item.publish', async (tx) => {
    const row = await lockedRow(tx, actor.municipality, id)
    if (row.publishedAt) throw new DomainError('item_already_published', 'This item is already published')
    if (row.kind !== 'table' && row.questions.length === 0) throw new DomainError('item_has_no_questions', 'Add at least one question before publishing')
    if (row.closesAt <= context.now) throw new DomainError('closing_date_passed', 'The closing date has passed; change it first')
    await themeOfVocabulary(tx, actor.municipality, row.theme)
    await publishItem(tx, row.id, context.now)
    return { result: undefined, itemId: row.id }
  })
  return managedItem(context, actor.municipality, id)
}

export async function closeOwnItem(context: ServiceContext, actor: Actor, id: string): Promise<ManagedItem> {
  await audited(context, actor, 'item.close', async (tx) => {
    const row = await lockedRow(tx, actor.municipality, id)
    if (stateOf(row, context.now) !== 'open') throw new DomainError('item_not_open', 'Only an open item can be closed')
    await closeItemNow(tx, row.id, context.now)
    return { result: undefined, itemId: row.id }
  })
  return managedItem(context, actor.municipality, id)
}
