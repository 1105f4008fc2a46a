import type { ItemDraft, ManagedItem } from '../../shared/schemas/item-draft'
import { publishedDateProblem, type PublishedDateProblem } from '../../shared/validation/published-dates'
import { breakingQuestionChanges } from '../../shared/validation/question-changes'
import { DomainError, HttpError, notFound } from '../errors'
import { closeItemNow, createDraft, findManagedItem, publishItem, stateOf, updateItemContent } from '../repos/managed-item-repo'
import { statusChangeDetail } from '../repos/item-status-changes'
import { readCounts } from '../repos/result-counts'
import { themeOfVocabulary } from './vocabulary'
import { checkAgendaEntryOf } from './participation-agenda-service'
import { checkOfferedLanguages } from './content-languages'
import { audited, type Actor, type ServiceContext } from './context'
import { lockManageableRow, readableItem } from './item-access'

const PUBLISHED_DATE_MESSAGES: Record<PublishedDateProblem, string> = {
  closes_at_in_past: 'A published item cannot get a closing date in the past; use close to close it now',
  feedback_due_earlier: 'The feedback date of a published item can only move later',
  feedback_due_in_past: 'The feedback date of a published item cannot move into the past',
  feedback_delay_reason_required: 'Moving the feedback date later needs a reason residents can read (feedbackDelayReason)',
}

/**
 * The item as officials see it, after the change committed: for an official, everything in their
 * reach (`item-access.ts`); for a bare municipality slug, that municipality's own items.
 */
export async function managedItem(context: ServiceContext, viewer: Actor | string, id: string): Promise<ManagedItem> {
  if (typeof viewer !== 'string') return readableItem(context.db, viewer, id, context.now)
  const item = await findManagedItem(context.db, viewer, id, context.now)
  if (!item) throw notFound('item')
  return item
}

/** Only a region official writes an item for the whole region, and only for their own region. */
function regionOfNewItem(actor: Actor, draft: ItemDraft): string | null {
  if (!draft.forRegion) return null
  if (!actor.region) throw new HttpError(403, 'forbidden', 'Only a region official can write an item for the whole region')
  return actor.region
}

export async function createItem(context: ServiceContext, actor: Actor, draft: ItemDraft): Promise<ManagedItem> {
  const region = regionOfNewItem(actor, draft)
  const id = await audited(context, actor, 'item.create', async (tx) => {
    await checkAgendaEntryOf(tx, actor.municipality, draft.agendaEntryId)
    await checkOfferedLanguages(tx, actor.municipality, draft.translations)
    const created = await createDraft(tx, actor.municipality, actor.id, { ...draft, theme: await themeOfVocabulary(tx, actor.municipality, draft.theme) }, region)
    return { result: created, itemId: created, details: { kind: draft.kind, ...(region ? { region } : {}) } }
  })
  return managedItem(context, actor, id)
}

/** Edits an item; a published one keeps its kind, the answers given and its promised dates. */
export async function updateItem(context: ServiceContext, actor: Actor, id: string, draft: ItemDraft): Promise<ManagedItem> {
  await audited(context, actor, 'item.update', async (tx) => {
    const row = await lockManageableRow(tx, actor, id)
    if (draft.agendaEntryId !== row.agendaEntryId) await checkAgendaEntryOf(tx, actor.municipality, draft.agendaEntryId)
    await checkOfferedLanguages(tx, actor.municipality, draft.translations, row.translations)
    if (row.kind !== draft.kind && row.publishedAt) throw new DomainError('item_kind_locked', 'The kind of a published item cannot change')
    if (row.publishedAt) {
      const problems = breakingQuestionChanges(row.questions, draft.questions, await readCounts(tx, row.id))
      if (problems.length > 0) throw new DomainError('questions_change_breaks_answers', `This change would break answers already given: ${problems.join('; ')}`)
      const dateProblem = publishedDateProblem(row, { closesAt: new Date(draft.closesAt), feedbackDueAt: new Date(draft.feedbackDueAt), feedbackDelayReason: draft.feedbackDelayReason }, context.now)
      if (dateProblem) throw new DomainError(dateProblem, PUBLISHED_DATE_MESSAGES[dateProblem])
    }
    // An item may keep the theme it has (a closed item's theme can leave the list); a new theme must be in the list.
    const theme = draft.theme === row.theme ? row.theme : await themeOfVocabulary(tx, actor.municipality, draft.theme)
    const window = await updateItemContent(tx, row, { ...draft, theme }, context.now)
    // Reopened (or its opening moved later): the tally check must know its results may keep erased answers.
    return { result: undefined, itemId: row.id, details: statusChangeDetail(row, window, context.now) }
  })
  return managedItem(context, actor, id)
}

export async function publishOwnItem(context: ServiceContext, actor: Actor, id: string): Promise<ManagedItem> {
  await audited(context, actor, 'item.publish', async (tx) => {
    const row = await lockManageableRow(tx, actor, id)
    if (row.publishedAt) throw new DomainError('item_already_published', 'This item is already published')
    if (row.kind !== 'table' && row.questions.length === 0) throw new DomainError('item_has_no_questions', 'Add at least one question before publishing')
    if (row.closesAt <= context.now) throw new DomainError('closing_date_passed', 'The closing date has passed; change it first')
    await themeOfVocabulary(tx, actor.municipality, row.theme)
    await publishItem(tx, row.id, context.now)
    return { result: undefined, itemId: row.id }
  })
  return managedItem(context, actor, id)
}

export async function closeOwnItem(context: ServiceContext, actor: Actor, id: string): Promise<ManagedItem> {
  await audited(context, actor, 'item.close', async (tx) => {
    const row = await lockManageableRow(tx, actor, id)
    if (stateOf(row, context.now) !== 'open') throw new DomainError('item_not_open', 'Only an open item can be closed')
    await closeItemNow(tx, row.id, context.now)
    return { result: undefined, itemId: row.id }
  })
  return managedItem(context, actor, id)
}
