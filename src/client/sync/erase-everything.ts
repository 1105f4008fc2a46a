import type { MyData } from '../../shared/schemas/my-data'
import type { MeepraatDb } from '../db/db'
import { clearInboxCursor } from '../db/inbox-repo'
import { forgetDeviceAndProfile, getDeviceId } from '../db/meta-repo'
import type { Api } from './api'
import { residentApi } from './resident-api'

/** What the server holds for this phone's device id. Needs the network. */
export async function fetchMyData(db: MeepraatDb, api: Pick<Api, 'getMyData'> = residentApi()): Promise<MyData> {
  return api.getMyData(await getDeviceId(db))
}

/** How "Wis alles" ended: the server erased it, or the request waits in the outbox until the phone is online. */
export type EraseOutcome = 'erased' | 'waiting'

/**
 * "Wis alles". First the phone: in one transaction its answers, unsent entries, inbox, sign-ups,
 * signals, supports and profile go, the device id is forgotten (a new one is made on next use), and one erasure
 * entry for the old id goes into the outbox. Then, online, the outbox sends it now; offline it
 * waits there (the page says so) and is sent once, as soon as the phone is online again.
 */
export async function eraseEverything(db: MeepraatDb, options: { online: boolean; syncNow: () => Promise<void>; now?: Date }): Promise<EraseOutcome> {
  const id = crypto.randomUUID()
  await db.transaction('rw', [db.submissions, db.outbox, db.inbox, db.registrations, db.signals, db.signalSupports, db.meta], async () => {
    const deviceId = await getDeviceId(db)
    // Erasures of earlier ids still waiting stay: each of those ids must be erased too.
    await db.outbox.filter((entry) => entry.type !== 'erasure').delete()
    await Promise.all([db.submissions.clear(), db.inbox.clear(), db.registrations.clear(), db.signals.clear(), db.signalSupports.clear()])
    await clearInboxCursor(db)
    await forgetDeviceAndProfile(db)
    await db.outbox.add({ type: 'erasure', key: id, payload: { id, deviceId }, createdAt: (options.now ?? new Date()).toISOString(), attempts: 0 })
  })
  if (options.online) await options.syncNow().catch(() => undefined)
  return (await pendingErasures(db)) > 0 ? 'waiting' : 'erased'
}

/** Erasures still waiting to be sent (none parked: a refused one is shown as failed, not waiting). */
export function pendingErasures(db: MeepraatDb): Promise<number> {
  return db.outbox.filter((entry) => entry.type === 'erasure' && entry.parked === undefined).count()
}
