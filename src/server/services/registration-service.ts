import type { Interest, RegistrationResult, TableSignup } from '../../shared/schemas/table'
import type { DeviceKeys } from '../auth/device-keys'
import type { Db } from '../db/client'
import { notFound } from '../errors'
import { ingestInterests, withdrawInterest } from '../repos/interest-repo'
import { ingestSignups } from '../repos/signup-repo'
import { findTable } from '../repos/table-repo'
import { eraseTraces, type TraceEraser } from '../tables/erase-traces'
import { askContactConfirmations } from './contact-confirmation-service'
import { askGuardians, type Messenger } from './table-service'

/**
 * Table sign-ups, exactly once per id; after the commit, parents or guardians of under-16s are
 * asked for their yes, and adults to confirm their e-mail address.
 */
export async function registerSignups(db: Db, keys: DeviceKeys, m: Messenger, signups: TableSignup[], now: Date): Promise<{ results: RegistrationResult[] }> {
  const { results, guardianRequests, confirmationRequests } = await ingestSignups(db, keys, signups, now)
  await askGuardians(db, m, guardianRequests)
  await askContactConfirmations(db, m, confirmationRequests)
  return { results }
}

/** "Benader mij" registrations, with the same rules as sign-ups. */
export async function registerInterests(db: Db, keys: DeviceKeys, m: Messenger, interests: Interest[], now: Date): Promise<{ results: RegistrationResult[] }> {
  const { results, guardianRequests, confirmationRequests } = await ingestInterests(db, keys, interests, now)
  await askGuardians(db, m, guardianRequests)
  await askContactConfirmations(db, m, confirmationRequests)
  return { results }
}

/** Leaves the interest network from the device that joined; the person's traces are erased after the commit. */
export async function withdrawOwnInterest(db: Db, eraser: TraceEraser, id: string, deviceKey: string, now: Date): Promise<void> {
  if (!(await withdrawInterest(db, id, deviceKey, now))) throw notFound('registration')
  await eraseTraces(eraser, [id])
}

/** The public record of a table's draw (seed, algorithm, quotas, hashed registrations). */
export async function publishedDraw(db: Db, itemId: string): Promise<Record<string, unknown>> {
  const table = await findTable(db, itemId)
  if (!table?.drawRecord) throw notFound('draw')
  return table.drawRecord
}
