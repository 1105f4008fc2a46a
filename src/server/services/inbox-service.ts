import type { Inbox } from '../../shared/schemas/inbox'
import type { Db } from '../db/client'
import { badRequest } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { inboxOf } from '../repos/inbox-repo'
import { deviceKeyOf } from '../repos/submission-repo'

/** A device's news after a cursor this API handed out; only the hash of the device id is looked up. */
export async function deviceInbox(db: Db, deviceId: string, since: string | undefined, now: Date): Promise<Inbox> {
  const parsed = since === undefined ? undefined : parseCursor(since)
  if (parsed?.kind === 'invalid') throw badRequest('since: not a cursor returned by this API')
  // A cursor of an earlier version (a time) reads the whole inbox again; the client merges by id.
  return inboxOf(db, deviceKeyOf(deviceId), parsed?.kind === 'cursor' ? parsed.cursor : undefined, now)
}
