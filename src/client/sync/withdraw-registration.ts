import type { LocalRegistration, MeepraatDb } from '../db/db'
import { getDeviceId } from '../db/meta-repo'
import { markWithdrawn } from '../db/registrations-repo'
import { ApiError, type Api } from './api'
import { residentApi } from './resident-api'

/** How a withdrawal ended, in the terms the UI explains. */
export type WithdrawOutcome = 'withdrawn' | 'offline' | 'failed'

export interface WithdrawOptions {
  /** Defaults to the resident app's API client. */
  api?: Pick<Api, 'withdrawSignup' | 'withdrawInterest'>
  /** Whether the phone seems online; offline, nothing is tried and the resident is told so. */
  online: boolean
  /** Sends the outbox now; a version still queued must reach the server before it can be withdrawn. */
  syncNow: () => Promise<void>
  now?: Date
}

/**
 * Withdraws a sign-up or "Benader mij" registration. Never queued: it deletes contact details on
 * the server, so the resident must know it happened. Only after the server said yes (or said it
 * never had it) are the contact details removed from the phone too.
 */
export async function withdrawRegistration(db: MeepraatDb, registration: LocalRegistration, options: WithdrawOptions): Promise<WithdrawOutcome> {
  if (!options.online) return 'offline'
  const queued = () => db.outbox.where('key').equals(registration.id).filter((entry) => entry.parked === undefined).count()
  // Otherwise a queued version could arrive after the withdrawal and bring the details back.
  if ((await queued()) > 0) {
    await options.syncNow()
    if ((await queued()) > 0) return 'offline'
  }
  const deviceId = await getDeviceId(db)
  const api = options.api ?? residentApi()
  try {
    if (registration.kind === 'signup') await api.withdrawSignup(deviceId, registration.id)
    else await api.withdrawInterest(deviceId, registration.id)
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'network') return 'offline'
    // 404: the server never had it (every version was refused): nothing to delete there.
    if (!(error instanceof ApiError && error.kind === 'refused' && error.status === 404)) return 'failed'
  }
  await markWithdrawn(db, registration.id, options.now)
  return 'withdrawn'
}
