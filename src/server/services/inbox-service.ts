import type { Inbox } from '../../shared/schemas/inbox'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { badRequest } from '../errors'
import { parseCursor } from '../repos/change-cursor'
import { inboxOf } from '../repos/inbox-repo'

/** No device: keys no row has (stored keys are 43 characters), so the answer is an empty inbox with a cursor. */
const NOBODY = { answers: '', signups: '', interests: '', signals: '' }

/** A device's news after a cursor this API handed out; only the device's keys per purpose are looked up. */
export async function deviceInbox(db: Db, keys: DeviceKeys, deviceId: string | null, since: string | undefined, now: Date): Promise<Inbox> {
  const parsed = since === undefined ? undefined : parseCursor(since)
  if (parsed?.kind === 'invalid') throw badRequest('since: not a cursor returned by this API')
  // A cursor of an earlier version (a time) reads the whole inbox again; the client merges by id.
  return inboxOf(db, deviceId === null ? NOBODY : keys.all(deviceId), parsed?.kind === 'cursor' ? parsed.cursor : undefined, now)
}
