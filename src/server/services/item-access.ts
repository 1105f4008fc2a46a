import type { ManagedItem } from '../../shared/schemas/item-draft'
import type { Db } from '../db/client'
import type { items } from '../db/schema'
import { HttpError, notFound } from '../errors'
import { findManagedItem, listManagedItems, lockOwnItemRow, type ItemScope } from '../repos/managed-item-repo'
import { findMunicipality } from '../repos/municipality-repo'
import type { Actor } from './context'

type ItemRow = typeof items.$inferSelect

/**
 * Who reaches which item. An official reaches the items of their own municipality and the
 * regional items of its region. They may change an item of their municipality that is not
 * regional; a regional item only a region official of that region may change (whatever their
 * home municipality): the other officials of its members read it, its input included, but do
 * not edit, publish, close or answer it with feedback. Items out of reach answer like missing ones.
 */
export async function scopeOf(db: Db, actor: Actor): Promise<ItemScope> {
  const home = await findMunicipality(db, actor.municipality)
  const regions = new Set([home?.regionSlug, actor.region].filter((r): r is string => Boolean(r)))
  return { municipality: actor.municipality, regions: [...regions] }
}

/** Whether this official may change the item (the row is in their reach). */
export function canManage(row: Pick<ItemRow, 'municipality' | 'region'>, actor: Actor): boolean {
  if (actor.role === 'council') return false
  return row.region ? row.region === actor.region : row.municipality === actor.municipality
}

const readOnlyFor = (actor: Actor) => (row: ItemRow) => !canManage(row, actor)

const readOnlyRefusal = () => new HttpError(403, 'forbidden', 'This item is for the whole region: only an official of the region can change it')

/** Every item in the official's reach, drafts included, each marked read-only where it is. */
export async function itemsInReach(db: Db, actor: Actor, now: Date): Promise<ManagedItem[]> {
  return listManagedItems(db, await scopeOf(db, actor), now, readOnlyFor(actor))
}

/** One item in reach, for reading (also a regional item read-only). */
export async function readableItem(db: Db, actor: Actor, id: string, now: Date): Promise<ManagedItem> {
  const item = await findManagedItem(db, await scopeOf(db, actor), id, now, readOnlyFor(actor))
  if (!item) throw notFound('item')
  return item
}

/** One item in reach that the official may change; a read-only one is refused with 403. */
export async function manageableItem(db: Db, actor: Actor, id: string, now: Date): Promise<ManagedItem> {
  const item = await readableItem(db, actor, id, now)
  if (item.readOnly) throw readOnlyRefusal()
  return item
}

/** The row of an item the official may change, locked for the rest of the transaction. */
export async function lockManageableRow(tx: Db, actor: Actor, id: string): Promise<ItemRow> {
  const row = await lockOwnItemRow(tx, await scopeOf(tx, actor), id)
  if (!row) throw notFound('item')
  if (!canManage(row, actor)) throw readOnlyRefusal()
  return row
}
