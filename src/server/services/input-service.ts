import type { HideReason } from '../../shared/schemas/input'
import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { itemCsv, itemJson } from '../exports/item-export'
import { setAnswerHidden, visibleAnswers } from '../repos/input-repo'
import { findManagedItem } from '../repos/managed-item-repo'
import { audited, type Actor, type ServiceContext } from './context'
import { manageableItem, readableItem } from './item-access'

/**
 * An item whose input the official may read: in their reach (`item-access.ts`; a regional item of
 * their region too), or for a bare slug that municipality's own. Others answer like a missing one.
 */
export async function ownItem(db: Db, viewer: Actor | string, id: string, now: Date): Promise<ManagedItem> {
  if (typeof viewer !== 'string') return readableItem(db, viewer, id, now)
  const item = await findManagedItem(db, viewer, id, now)
  if (!item) throw notFound('item')
  return item
}

/** Hides an answer from results and exports (kept for the audit), with the reason. */
export async function hideAnswer(context: ServiceContext, actor: Actor, itemId: string, submissionId: string, reason: HideReason): Promise<void> {
  await audited(context, actor, 'answer.hide', async (tx) => {
    const item = await manageableItem(tx, actor, itemId, context.now)
    if (!(await setAnswerHidden(tx, item, submissionId, { hidden: true, reason, by: actor.id, at: context.now }))) throw notFound('answer')
    return { result: undefined, itemId: item.id, details: { submissionId, reason } }
  })
}

export async function unhideAnswer(context: ServiceContext, actor: Actor, itemId: string, submissionId: string): Promise<void> {
  await audited(context, actor, 'answer.unhide', async (tx) => {
    const item = await manageableItem(tx, actor, itemId, context.now)
    if (!(await setAnswerHidden(tx, item, submissionId, { hidden: false }))) throw notFound('answer')
    return { result: undefined, itemId: item.id, details: { submissionId } }
  })
}

export interface ItemExport {
  filename: string
  format: 'csv' | 'json'
  body: string | ReturnType<typeof itemJson>
}

/** The visible input of an item as CSV or JSON; the export is read and audited in one transaction. */
export async function exportInput(context: ServiceContext, actor: Actor, itemId: string, format: 'csv' | 'json'): Promise<ItemExport> {
  return audited(context, actor, 'item.export', async (tx) => {
    const item = await ownItem(tx, actor, itemId, context.now)
    const rows = await visibleAnswers(tx, item.id)
    const body = format === 'json' ? itemJson(item, rows) : itemCsv(item, rows)
    return { result: { filename: `meepraat-${item.id}.${format}`, format, body }, itemId: item.id, details: { format, rows: rows.length } }
  })
}
