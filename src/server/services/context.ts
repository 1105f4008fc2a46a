import type { AuditAction } from '../../shared/audit-actions'
import type { Db } from '../db/client'
import { recordAudit } from '../repos/audit-repo'

/**
 * What a service function works with: the database (or a transaction it joins) and the moment
 * of the request. Services hold the domain rules; routes parse, call one service function and
 * let the error handler map what it throws; repos only read and write rows.
 */
export interface ServiceContext {
  db: Db
  now: Date
}

/** The official a change is made by (and whose municipality it is confined to). */
export interface Actor {
  id: string
  municipality: string
  /** Set for a region official: they also manage the items of this whole region. */
  region?: string | null
  /** A participation council member (`council`) reads items but never changes them. */
  role?: string
}

/**
 * Runs a change and its audit entry in one transaction: the entry is written only when the
 * change commits, and a failing entry undoes the change. `change` returns its result and the
 * audit facts (item and details: ids, counts and field names only, never personal data), or
 * `unchanged` when what it found under its lock made the change a no-op (a concurrent request did
 * it first): then nothing is recorded, so one change has one entry.
 */
export async function audited<T>(
  context: ServiceContext,
  actor: Actor,
  action: AuditAction,
  change: (tx: Db) => Promise<{ result: T; itemId?: string | null; details?: Record<string, unknown>; unchanged?: boolean }>,
): Promise<T> {
  return context.db.transaction(async (tx) => {
    const { result, itemId, details, unchanged } = await change(tx)
    if (unchanged) return result
    await recordAudit(tx, { officialId: actor.id, municipality: actor.municipality, action, itemId: itemId ?? null, ...(details ? { details } : {}) }, context.now)
    return result
  })
}
